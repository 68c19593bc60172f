package dev.iovasim.bench.allocator;

import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.bench.BenchTapes;
import dev.iovasim.allocator.bench.OpTape;
import dev.iovasim.bench.ThroughputBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The allocator alone on one core (what {@code iovasim bench} times by hand): operations per
 * second on the two pre-generated loads, {@code churn} (16 CPUs, fragmented, tree allocations
 * dominate) and {@code sac} (128 CPUs, the rcache serves nearly all), with the augmented
 * ({@code gap}) and the kernel's ({@code linear}) tree search. Compare the two searches as a
 * ratio measured in the same run, never against a fixed figure.
 */
public class AllocatorBench extends ThroughputBench {
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
