package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Outcome;
import org.HdrHistogram.AbstractHistogram;

/**
 * Some CPUs' figures added up: their counters ({@link AllocStats}) and their allocation latency
 * per {@link Outcome}. What a node hands to its metrics for the CPUs it runs, while a run goes
 * ({@link WorkloadDriver.CpuStats}) and at its end ({@link WorkloadDriver.CpuReport}).
 */
public final class CpuFigures {
    private final AllocStats stats = new AllocStats();
    private final LatencyBook latency = LatencyBook.forSums();

    public CpuFigures add(WorkloadDriver.CpuStats s) {
        return add(s.stats(), s.latency());
    }

    public CpuFigures add(WorkloadDriver.CpuReport r) {
        return add(r.stats(), r.latency());
    }

    private CpuFigures add(long[] cpuStats, byte[][] cpuLatency) {
        stats.addVector(cpuStats);
        latency.add(cpuLatency);
        return this;
    }

    /** The counters summed ({@link AllocStats#toVector()}). */
    public long[] stats() {
        return stats.toVector();
    }

    /** Allocation latency of one {@link Outcome}, in nanoseconds. */
    public AbstractHistogram latency(int outcome) {
        return latency.of(outcome).copy();
    }

    LatencyBook book() {
        return latency;
    }
}
