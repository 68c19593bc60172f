package dev.iovasim.allocator.workload;

/**
 * A CPU of a generator whose mappings have two lifetimes: the transient ones in {@code held}, the
 * long-lived ones in a ring of their own, which the generator frees from at its own, lower rate.
 */
abstract class LongLivedCpuWorkload extends SeededCpuWorkload {
    protected final HeldRing longLived = new HeldRing();

    LongLivedCpuWorkload(int cpu, int cpus, long seed, long ops, long gapNanos) {
        super(cpu, cpus, seed, ops, gapNanos);
    }

    /** Whether the mapping of {@code size} pages just made becomes long-lived (may draw from {@code rnd}). */
    protected abstract boolean staysLong(long size);

    @Override
    public final void adopt(long pfn, long size) {
        if (staysLong(size)) {
            longLived.add(pfn, size);
        } else {
            held.add(pfn, size);
        }
    }

    @Override
    public final void forEachHeld(HeldSink sink) {
        held.forEach(sink);
        longLived.forEach(sink);
    }
}
