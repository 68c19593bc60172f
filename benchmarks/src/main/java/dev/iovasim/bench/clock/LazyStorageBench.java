package dev.iovasim.bench.clock;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.bench.ThroughputBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference engine's speed on one core, workload generation included: 256 CPUs on the storage
 * workload, lazy invalidation with 16 IRQ CPUs and a time series every 100 ms of simulated time
 * (rows built, then dropped: the CSV costs one line per 100 ms), against the same run in strict
 * mode without IRQ CPUs or series. Issue 15's target is 5 M operations a second for the first.
 */
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class LazyStorageBench extends ThroughputBench {
    static final int CPUS = 256;
    static final long OPS_PER_CPU = 2000;
    static final String WORKLOAD = "storage";

    static RunReport run(RunSpec spec) {
        return new ReferenceEngine().run(spec, ProgressListener.NONE);
    }

    /** The lazy run: linux-6.7 with lazy invalidation, unmaps on IRQ CPUs 0-15, a series row every 100 ms. */
    static RunSpec lazySpec(long opsPerCpu) {
        Policy lazy = Policy.byName("linux-6.7+invalidation=lazy");
        return RunSpec.of(lazy, WorkloadCatalogue.byName(WORKLOAD), CPUS, opsPerCpu, 1)
                .withIrqCpus(IrqCpus.parse("0-15", CPUS))
                .withSeries(new SeriesSpec(SeriesSpec.DEFAULT_INTERVAL_NANOS, row -> { }));
    }

    /** The strict baseline: linux-6.7, every CPU frees its own, no series. */
    static RunSpec strictSpec(long opsPerCpu) {
        return RunSpec.of(Policy.LINUX_6_7, WorkloadCatalogue.byName(WORKLOAD), CPUS, opsPerCpu, 1);
    }

    @Benchmark
    @OperationsPerInvocation(CPUS * (int) OPS_PER_CPU)
    public RunReport lazyIrqCpusWithSeries() {
        return run(lazySpec(OPS_PER_CPU));
    }

    @Benchmark
    @OperationsPerInvocation(CPUS * (int) OPS_PER_CPU)
    public RunReport strictBaseline() {
        return run(strictSpec(OPS_PER_CPU));
    }
}
