package dev.iovasim.allocator;

/**
 * One flush queue's ring of (pfn, pages, flush counter, queue time): a CPU's under {@code lazy},
 * the domain's one under {@code lazy-single}. It holds {@code slots} entries of which at most
 * {@code slots - 1} are used, as fq_full has it. The domain-wide part (the flush counters and the
 * timer) is {@link FlushQueueTimer}'s; the ring is the per-CPU part, so that whoever owns the CPU
 * (the reference engine's {@link FlushQueue}, or a CPU actor) owns its ring.
 */
public final class FqRing {
    private final long[] pfns;
    private final long[] pages;
    private final long[] counters;
    private final long[] times;
    private int head;
    private int count;

    public FqRing(int slots) {
        pfns = new long[slots];
        pages = new long[slots];
        counters = new long[slots];
        times = new long[slots];
    }

    public boolean full() {
        return count == pfns.length - 1;
    }

    /** Appends an entry queued at {@code now} after the IOTLB flush {@code counter} started. */
    public void add(long pfn, long pg, long counter, long now) {
        int i = (head + count) % pfns.length;
        pfns[i] = pfn;
        pages[i] = pg;
        counters[i] = counter;
        times[i] = now;
        count++;
    }

    /**
     * fq_ring_free: hands {@code sink} the entries from the head while their counter is below
     * {@code finishCnt} (an IOTLB flush that started after their unmap has completed), recording
     * their wait until {@code now} and the batch in {@code stats}; the sink frees them on {@code cpu}.
     *
     * @return how many entries were freed
     */
    public int free(int cpu, long finishCnt, long now, AllocStats stats, FlushQueue.Sink sink) {
        int freed = 0;
        while (count > 0 && counters[head] < finishCnt) {
            int h = head;
            // never negative on one clock; the free-running actor engine's CPUs each carry their own
            long wait = Math.max(0, now - times[h]);
            stats.add(Counter.FQ_WAIT_NANOS, wait);
            stats.max(Counter.FQ_MAX_WAIT_NANOS, wait);
            stats.fqWaitLog2[64 - Long.numberOfLeadingZeros(wait)]++;
            long pfn = pfns[h];
            long pg = pages[h];
            head = (head + 1) % pfns.length;
            count--;
            freed++;
            sink.free(cpu, pfn, pg);
        }
        if (freed > 0) {
            stats.add(Counter.FQ_FREED, freed);
            stats.inc(Counter.FQ_BATCHES);
            stats.max(Counter.FQ_MAX_BATCH, freed);
        }
        return freed;
    }

    /** Entries waiting. */
    public int count() {
        return count;
    }

    /** Every queued pfn, head first (for the conservation check: a queued IOVA is still allocated in the tree). */
    public void forEachQueued(PfnSink out) {
        for (int k = 0; k < count; k++) out.accept(pfns[(head + k) % pfns.length]);
    }
}
