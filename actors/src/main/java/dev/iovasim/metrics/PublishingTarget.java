package dev.iovasim.metrics;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.trace.OpTarget;

/**
 * A trace target that publishes its engine's figures every {@code interval} operations and once
 * more when closed (the replay closes its target after the summary, so the last publication
 * holds the summary's totals). It publishes in the replaying thread, which owns the stats.
 */
public final class PublishingTarget implements OpTarget {
    /** Often enough for a live dashboard, rare enough to cost nothing per operation. */
    public static final long DEFAULT_INTERVAL = 1 << 16;

    private final OpTarget engine;
    private final Runnable publication;
    private final long interval;
    private long untilPublish;

    /** @param publication takes the engine's figures as they are now and publishes them */
    public PublishingTarget(OpTarget engine, Runnable publication, long interval) {
        if (interval < 1) throw new IllegalArgumentException("publish interval must be at least 1, got " + interval);
        this.engine = engine;
        this.publication = publication;
        this.interval = interval;
        this.untilPublish = interval;
    }

    @Override
    public long alloc(int cpu, long size, long limit, boolean flush) {
        long pfn = engine.alloc(cpu, size, limit, flush);
        tick();
        return pfn;
    }

    @Override
    public long map(int cpu, long size, long limit, int device) {
        long pfn = engine.map(cpu, size, limit, device);
        tick();
        return pfn;
    }

    @Override
    public int lastOutcome() {
        return engine.lastOutcome();
    }

    @Override
    public void free(int cpu, long pfn, long size) {
        engine.free(cpu, pfn, size);
        tick();
    }

    @Override
    public void unmap(int cpu, long pfn, long size) {
        engine.unmap(cpu, pfn, size);
        tick();
    }

    @Override
    public void invalidation(Invalidation mode) {
        engine.invalidation(mode);
    }

    @Override
    public void advanceClock(long nanos) {
        engine.advanceClock(nanos);
    }

    @Override
    public void cpuDead(int cpu) {
        engine.cpuDead(cpu);
        tick();
    }

    @Override
    public boolean reserve(long lo, long hi) {
        boolean ok = engine.reserve(lo, hi);
        tick();
        return ok;
    }

    @Override
    public AllocStats stats() {
        return engine.stats();
    }

    @Override
    public Conservation.Result check(Conservation.Holdings held) {
        return engine.check(held);
    }

    @Override
    public IovaDomain.KernelEvent kernelEvent(IovaDomain.KernelEvent.Kind kind) {
        return engine.kernelEvent(kind);
    }

    @Override
    public String engineName() {
        return engine.engineName();
    }

    @Override
    public void close() {
        try {
            publish();
        } finally {
            engine.close();
        }
    }

    /** Publishes now, whatever the count. */
    public void publish() {
        publication.run();
        untilPublish = interval;
    }

    private void tick() {
        if (--untilPublish == 0) publish();
    }
}
