package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.Workload;
import java.nio.file.Path;

/**
 * What one run is: a policy, a workload, how many CPUs and operations, the seed.
 *
 * @param policy     the kernel behaviour preset (magazine size included)
 * @param workload   the load; its {@link Workload#domain} may fix the CPU count (a trace does)
 * @param cpus       simulated CPUs asked for
 * @param opsPerCpu  operations in each CPU's share (a trace runs whole)
 * @param seed       the seed of every generator and of the interleaving
 * @param checkEvery run the conservation check every this many operations; 0: only at the end
 * @param emitTrace  write the run's operations here as a trace, or null
 * @param gapSearch  use the gap-augmented tree search (same pfns, fewer steps) instead of the
 *                   kernel's linear walk; work units count the walk either way
 * @param irqCpus    the CPUs that run the unmaps (completions), or null: each unmap runs on the
 *                   CPU whose workload issues it
 * @param series     write a time series on the simulated clock, or null
 */
public record RunSpec(Policy policy, Workload workload, int cpus, long opsPerCpu, long seed, long checkEvery,
                      Path emitTrace, boolean gapSearch, IrqCpus irqCpus, SeriesSpec series) {
    public RunSpec {
        if (cpus < 1) throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        if (opsPerCpu < 0) throw new IllegalArgumentException("ops per CPU must be 0 or more, got " + opsPerCpu);
        if (checkEvery < 0) throw new IllegalArgumentException("check-every must be 0 or more, got " + checkEvery);
    }

    /** A run with the defaults for everything but the essentials. */
    public static RunSpec of(Policy policy, Workload workload, int cpus, long opsPerCpu, long seed) {
        return new RunSpec(policy, workload, cpus, opsPerCpu, seed, 0, null, true, null, null);
    }

    /** The domain the run uses: the workload's, for the CPUs asked. */
    public DomainConfig domain() {
        return workload.domain(cpus);
    }

    public RunSpec withIrqCpus(IrqCpus irq) {
        return new RunSpec(policy, workload, cpus, opsPerCpu, seed, checkEvery, emitTrace, gapSearch, irq, series);
    }

    public RunSpec withSeries(SeriesSpec s) {
        return new RunSpec(policy, workload, cpus, opsPerCpu, seed, checkEvery, emitTrace, gapSearch, irqCpus, s);
    }

    /**
     * For an engine that models one rcache class count only (the actor engine, in one JVM or over
     * nodes): refuses a policy with another count rather than running something else.
     */
    public void requireDefaultRcacheClasses(String engine) {
        if (policy.rcacheClasses() != dev.iovasim.allocator.SizeClass.CACHED_CLASSES) {
            throw new IllegalArgumentException("rcache-classes=" + policy.rcacheClasses() + ": the " + engine
                    + " engine does not model it yet; use --engine reference");
        }
    }
}
