package dev.iovasim.allocator.trace;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.IovaDomain;

/**
 * What a trace drives: an engine that performs each operation completely before returning.
 * The reference engine is one; the actor engine, asked one operation at a time, is another.
 */
public interface OpTarget extends AutoCloseable {
    long alloc(int cpu, long size, long limit, boolean flush);

    /** The DMA layer's map for {@code device} (see {@link dev.iovasim.allocator.DmaLayer}). */
    long map(int cpu, long size, long limit, int device);

    /** The {@link dev.iovasim.allocator.Outcome} of the last alloc or map. */
    int lastOutcome();

    void free(int cpu, long pfn, long size);

    /**
     * The DMA layer's unmap: what a trace's {@code free} line does. Under strict invalidation it
     * is {@link #free}; under lazy invalidation the IOVA waits in a flush queue.
     */
    default void unmap(int cpu, long pfn, long size) {
        free(cpu, pfn, size);
    }

    /**
     * A version-3 header named the invalidation mode: set it before the first operation. Engines
     * without flush queues refuse a lazy mode.
     */
    default void invalidation(Invalidation mode) {
        if (mode.lazy()) {
            throw new UnsupportedOperationException("the " + engineName() + " engine does not model lazy invalidation"
                    + " (the trace's header says invalidation=" + mode.word() + "); replay it with --engine reference");
        }
    }

    /** A version-3 {@code clock NS} line: move the simulated clock, running the timers that fall due. */
    default void advanceClock(long nanos) {
        throw new UnsupportedOperationException("the " + engineName() + " engine does not run a simulated clock"
                + " (the trace has clock lines); replay it with --engine reference");
    }

    void cpuDead(int cpu);

    boolean reserve(long lo, long hi);

    /** Counters so far (flushes and flushed pfns are read for the summary). */
    AllocStats stats();

    /** The conservation check, given what the trace's caller side still holds. */
    Conservation.Result check(Conservation.Holdings held);

    /**
     * The first {@link IovaDomain.KernelEvent} of {@code kind} so far (v4.15's stale cached32 node,
     * a cached pfn no range holds going back to the tree), or null.
     */
    default IovaDomain.KernelEvent kernelEvent(IovaDomain.KernelEvent.Kind kind) {
        return null;
    }

    /** A word for the summary, e.g. {@code reference}. */
    String engineName();

    @Override
    default void close() {
    }
}
