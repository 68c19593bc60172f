package dev.iovasim.allocator;

/**
 * Counters of one allocator run, per operation (an {@code alloc} or {@code map} is one
 * allocation whichever attempts it took). Plain fields: one owner updates them.
 */
public final class AllocStats {
    /** Index of the uncached sizes (above 32 pages) in the per-class arrays of a default (6-class) domain. */
    public static final int UNCACHED = SizeClass.CACHED_CLASSES;

    public long allocs;
    public long failed;
    /** Served from {@code loaded}/{@code prev} (not counting depot hits). */
    public long cpuHits;
    /** Served from a magazine just taken from the depot. */
    public long depotHits;
    public long treeAllocs;
    public long frees;
    public long freesToMagazine;
    public long freesToDepot;
    public long freesToTree;
    /** Full magazines the depot refused: their pfns went back to the tree. */
    public long depotOverflows;
    /** Magazines passed between a CPU and the depot (either way). */
    public long depotExchanges;
    /** pfns pushed into or popped from magazines. */
    public long magazineMoves;
    public long flushes;
    public long flushCpuVisits;
    public long flushedPfns;
    public long flushedUseful;
    public long flushRetrySucceeded;
    public long cpuUnplugs;
    public long unplugPfns;
    public long trims;
    public long trimmedPfns;
    /** Maps that tried a 32-bit (SAC) address first (DmaLayer). */
    public long sacAttempts;
    /** SAC attempts that found no 32-bit address. */
    public long sacFailures;
    /** Devices whose pci_32bit_workaround flag a SAC failure cleared (v6.4+ sticky rule). */
    public long devicesSwitched;
    /** Unmaps that entered a flush queue (lazy invalidation; queue_iova). */
    public long fqQueued;
    /** IOTLB flushes the flush queues made: a full queue or the timer (fq_flush_iotlb / iova_domain_flush). */
    public long fqFlushes;
    /** Of {@link #fqFlushes}, those made because the unmapping CPU's queue was full. */
    public long fqFullFlushes;
    /** Of {@link #fqFlushes}, those made by the queue timer (fq_flush_timeout). */
    public long fqTimerFlushes;
    /** Queued IOVAs freed (through free_iova_fast) once a flush that started after them finished. */
    public long fqFreed;
    /** Calls of fq_ring_free that freed at least one entry, and the largest number one freed. */
    public long fqBatches;
    public long fqMaxBatch;
    /** Simulated nanoseconds the freed entries waited in their queue: total and largest. */
    public long fqWaitNanos;
    public long fqMaxWaitNanos;
    /** Freed entries by wait: bucket {@code k} holds waits in [2^(k-1), 2^k) ns, bucket 0 waits of 0. */
    public final long[] fqWaitLog2 = new long[64];
    /** Per cached class, then one bucket for the uncached sizes ({@link #uncachedBucket}). */
    public final long[] classAllocs;
    public final long[] classHits;
    private final int cachedClasses;

    /** Counters of a domain with the kernel's 6 cached classes. */
    public AllocStats() {
        this(SizeClass.CACHED_CLASSES);
    }

    /** Counters of a domain that caches {@code cachedClasses} size classes (the rcache-classes switch). */
    public AllocStats(int cachedClasses) {
        this.cachedClasses = cachedClasses;
        classAllocs = new long[cachedClasses + 1];
        classHits = new long[cachedClasses + 1];
    }

    /** The index of the uncached sizes in {@link #classAllocs} and {@link #classHits}. */
    public int uncachedBucket() {
        return cachedClasses;
    }

    public long rcacheHits() {
        return cpuHits + depotHits;
    }

    public long flushedUseless() {
        return flushedPfns - flushedUseful;
    }

    public double hitRate() {
        return allocs == 0 ? 0 : (double) rcacheHits() / allocs;
    }

    /**
     * Counts one finished allocation of the caller's {@code size} served by {@code outcome}
     * ({@link Outcome}); returns the outcome as reported, {@link Outcome#FAILED} when {@code pfn} is 0.
     */
    public int countAlloc(long size, long pfn, int outcome) {
        int reported = pfn == 0 ? Outcome.FAILED : outcome;
        allocs++;
        int bucket = Math.min(SizeClass.of(SizeClass.round(size, cachedClasses)), cachedClasses);
        classAllocs[bucket]++;
        switch (reported) {
            case Outcome.CPU_HIT -> cpuHits++;
            case Outcome.DEPOT_HIT -> depotHits++;
            case Outcome.TREE -> treeAllocs++;
            default -> failed++;
        }
        if (Outcome.isHit(reported)) classHits[bucket]++;
        return reported;
    }

    public static int bucket(int sizeClass) {
        return Math.min(sizeClass, UNCACHED);
    }
}
