package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * Some CPUs' figures added up: their counters ({@link AllocStats}) and their allocation latency
 * per {@link Outcome}. What a node hands to its metrics for the CPUs it runs, while a run goes
 * ({@link WorkloadDriver.CpuStats}) and at its end ({@link WorkloadDriver.CpuReport}). Each CPU's
 * counters are kept apart too only when asked for (per-CPU metrics): without, nothing is kept but
 * the sums.
 */
public final class CpuFigures {
    /** One CPU's counters ({@link AllocStats#toVector()}), as its message carried them: shared, not copied. */
    public record Cpu(int cpu, long[] stats) {
    }

    private final AllocStats stats = new AllocStats();
    private final LatencyBook latency = LatencyBook.forSums();
    /** Each CPU's counters in the order added, or null when only the sums are wanted. */
    private final List<Cpu> eachCpu;

    /** Sums only. */
    public CpuFigures() {
        this(false);
    }

    /** @param eachCpu keep each CPU's counters apart too ({@link #eachCpu()}) */
    public CpuFigures(boolean eachCpu) {
        this.eachCpu = eachCpu ? new ArrayList<>() : null;
    }

    public CpuFigures add(WorkloadDriver.CpuStats s) {
        return add(s.cpu(), s.stats(), s.latency());
    }

    public CpuFigures add(WorkloadDriver.CpuReport r) {
        return add(r.cpu(), r.stats(), r.latency());
    }

    private CpuFigures add(int cpu, long[] cpuStats, byte[][] cpuLatency) {
        stats.addVector(cpuStats);
        latency.add(cpuLatency);
        if (eachCpu != null) eachCpu.add(new Cpu(cpu, cpuStats));
        return this;
    }

    /** The counters summed ({@link AllocStats#toVector()}). */
    public long[] stats() {
        return stats.toVector();
    }

    /** Each CPU's counters, or null when they were not kept apart. */
    public List<Cpu> eachCpu() {
        return eachCpu == null ? null : List.copyOf(eachCpu);
    }

    /** Allocation latency of one {@link Outcome}, in nanoseconds. */
    public AbstractHistogram latency(int outcome) {
        return latency.of(outcome).copy();
    }

    LatencyBook book() {
        return latency;
    }
}
