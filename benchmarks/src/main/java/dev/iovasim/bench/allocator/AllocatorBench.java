package dev.iovasim.bench.allocator;

import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.bench.BenchTapes;
import dev.iovasim.allocator.bench.OpTape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allocator alone on one core (what {@code iovasim bench} times by hand): operations per
 * second on the two pre-generated loads, {@code churn} (16 CPUs, fragmented, tree allocations
 * dominate) and {@code sac} (128 CPUs, the rcache serves nearly all), with the augmented
 * ({@code gap}) and the kernel's ({@code linear}) tree search. Compare the two searches as a
 * ratio measured in the same run, never against a fixed figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AllocatorBench {
    static final int OPS = 200_000;

    @Param({"churn", "sac"})
    public String load;

    @Param({"gap", "linear"})
    public String search;

    private OpTape tape;
    private long[] results;
    private long[] sizes;

    @Setup
    public void setUp() {
        tape = load.equals("churn") ? BenchTapes.churn(1, OPS) : BenchTapes.sacCacheHeavy(1, OPS);
        results = new long[tape.allocs()];
        sizes = new long[tape.allocs()];
    }

    /** One pass of the whole tape on a fresh allocator; the score is operations per second. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long tape() {
        return tape.run(new IovaAllocator(Policy.DEFAULT, tape.config(), search.equals("gap")), results, sizes);
    }
}
