package dev.iovasim.allocator.trace;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.Presets;
import dev.iovasim.allocator.series.AllocatorSeries;
import dev.iovasim.allocator.series.SeriesSampler;
import dev.iovasim.allocator.series.SeriesSpec;

/** The reference engine as a trace target: every operation runs in the caller's thread. */
public final class AllocatorTarget implements OpTarget {
    private final IovaAllocator allocator;
    private SeriesSampler series;
    private long ops;

    public AllocatorTarget(IovaAllocator allocator) {
        this.allocator = allocator;
    }

    public static AllocatorTarget create(Policy policy, DomainConfig config, boolean gapSearch) {
        return new AllocatorTarget(new IovaAllocator(policy, config, gapSearch));
    }

    public IovaAllocator allocator() {
        return allocator;
    }

    /**
     * Writes a time series while replaying: rows as the trace's clock lines move the clock, the
     * last at {@link #close}. A trace without clock lines gives one row, at time 0.
     */
    public AllocatorTarget withSeries(String policy, SeriesSpec spec) {
        series = new SeriesSampler(new AllocatorSeries(allocator), policy, spec);
        return this;
    }

    @Override
    public long alloc(int cpu, long size, long limit, boolean flush) {
        ops++;
        return allocator.alloc(cpu, size, limit, flush);
    }

    @Override
    public long map(int cpu, long size, long limit, int device) {
        ops++;
        return allocator.map(cpu, size, limit, device);
    }

    @Override
    public int lastOutcome() {
        return allocator.lastOutcome();
    }

    @Override
    public void free(int cpu, long pfn, long size) {
        ops++;
        allocator.free(cpu, pfn, size);
    }

    @Override
    public void unmap(int cpu, long pfn, long size) {
        ops++;
        allocator.unmap(cpu, pfn, size);
    }

    @Override
    public void invalidation(Invalidation mode) {
        Presets.checkTraceInvalidation(allocator.policy(), mode);
        allocator.invalidation(mode);
    }

    @Override
    public void advanceClock(long nanos) {
        if (series != null) series.rowsUntil(nanos, ops);
        allocator.advanceClock(nanos);
    }

    @Override
    public void cpuDead(int cpu) {
        ops++;
        allocator.cpuDead(cpu);
    }

    @Override
    public boolean reserve(long lo, long hi) {
        ops++;
        return allocator.reserve(lo, hi);
    }

    @Override
    public AllocStats stats() {
        return allocator.stats();
    }

    @Override
    public Conservation.Result check(Conservation.Holdings held) {
        return Conservation.check(allocator, held);
    }

    @Override
    public IovaDomain.KernelEvent kernelEvent(IovaDomain.KernelEvent.Kind kind) {
        return allocator.domain().kernelEvent(kind);
    }

    @Override
    public String engineName() {
        return "reference";
    }

    @Override
    public void close() {
        if (series != null) series.finish(allocator.nowNanos(), ops);
        series = null;
    }
}
