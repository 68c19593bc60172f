package dev.iovasim.allocator.workload;

import dev.iovasim.allocator.PfnSink;

/**
 * One simulated CPU's stream of DMA operations and the mappings it currently holds.
 * Deterministic for a given (workload, seed, cpu, cpus). A CPU actor owns exactly one; the
 * reference engine keeps one per CPU and interleaves them.
 *
 * <p>Protocol: the engine calls {@link #next}; after a successful ALLOC or MAP it calls
 * {@link #adopt} on the workload of {@code op.freeCpu} (this one, or another CPU's: in the
 * actor engine that is a message), which will later emit the FREE.
 */
public interface CpuWorkload {
    int cpu();

    /** Fills {@code op} with this CPU's next operation; false once its share is done. */
    boolean next(WorkOp op);

    /** Takes over a live mapping, to be freed by this CPU later. */
    void adopt(long pfn, long size);

    /** Mappings held now (for the conservation check and CPU hot-unplug reclaim). */
    void forEachHeld(HeldSink sink);

    /** Receives held mappings. */
    @FunctionalInterface
    interface HeldSink {
        void held(long pfn, long size);
    }

    /** The held pfns only. */
    default void forEachHeldPfn(PfnSink sink) {
        forEachHeld((pfn, size) -> sink.accept(pfn));
    }
}
