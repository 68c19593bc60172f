package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;

/**
 * A CPU actor's figures: its counters (the {@link dev.iovasim.allocator.RcacheLadder} counts into
 * {@link #stats}), its allocation latency per outcome, its completed operations and its errors.
 * What {@link WorkloadDriver.Stats} and {@link WorkloadDriver.Report} answer with.
 */
final class CpuCounters {
    final AllocStats stats = new AllocStats();
    private final LatencyBook latency = new LatencyBook();
    private long ops;
    private long errors;
    private String firstError;

    /** An operation other than an allocation is complete. */
    void completed() {
        ops++;
    }

    /** An allocation begun at {@code startNanos} is complete; returns its counted outcome. */
    int allocated(long size, long pfn, int outcome, long startNanos) {
        int counted = stats.countAlloc(size, pfn, outcome);
        latency.record(counted, System.nanoTime() - startNanos);
        ops++;
        return counted;
    }

    /** Operations completed so far (a time series' barrier counts them). */
    long ops() {
        return ops;
    }

    void error(String message) {
        errors++;
        if (firstError == null) firstError = message;
    }

    WorkloadDriver.CpuStats snapshot(int cpu) {
        return new WorkloadDriver.CpuStats(cpu, stats.toVector(), latency.encode());
    }

    WorkloadDriver.CpuReport report(int cpu) {
        return new WorkloadDriver.CpuReport(cpu, ops, stats.toVector(), latency.encode(), errors, firstError);
    }
}
