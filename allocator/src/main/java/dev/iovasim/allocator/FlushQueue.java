package dev.iovasim.allocator;

/**
 * The DMA layer's flush queues for lazy invalidation, all in one place for the reference engine:
 * {@code queue_iova}, {@code fq_ring_free}, {@code fq_flush_iotlb} (called {@code iova_domain_flush}
 * in iova.c up to v5.16) and {@code fq_flush_timeout}, over the per-CPU rings ({@link FqRing}) and
 * the domain-wide counters and timer ({@link FlushQueueTimer}), the two parts the actor engine
 * places apart.
 *
 * <p>A queue is only emptied when its own CPU queues again or the timer fires: a flush made by one
 * CPU leaves the other CPUs' flushed entries in their queues until then.
 *
 * <p>Frees go through {@link Sink} to {@code free_iova_fast} on the CPU that runs the code: the
 * unmapping CPU in {@code queue_iova}; the CPU that armed the timer in {@code fq_flush_timeout},
 * which walks every CPU's queue (a kernel timer fires on the CPU that armed it: {@code mod_timer}
 * queues on the local CPU's timer base; timer migration to a busy CPU is not modelled, a dead
 * CPU's pending timer moves to another: {@link FlushQueueTimer#cpuDead}).
 */
public final class FlushQueue {
    /** Where freed IOVAs go: free_iova_fast on {@code cpu}. */
    public interface Sink {
        void free(int cpu, long pfn, long pages);
    }

    private final Invalidation mode;
    private final FqRing[] rings;
    private final FlushQueueTimer timer;
    private final AllocStats stats;
    private final Sink sink;

    public FlushQueue(Invalidation mode, int cpus, AllocStats stats, Sink sink) {
        this.timer = new FlushQueueTimer(mode, stats);
        this.mode = mode;
        this.rings = new FqRing[mode.singleQueue() ? 1 : cpus];
        this.stats = stats;
        this.sink = sink;
    }

    /**
     * queue_iova on {@code cpu} at simulated time {@code now}: first free what earlier flushes made
     * safe in this queue; if the queue is still full, flush the IOTLB and free again; append the
     * entry; arm the timer unless it is armed.
     */
    public void queue(int cpu, long pfn, long pages, long now) {
        FqRing r = ring(cpu);
        r.free(cpu, timer.finishCnt(), now, stats, sink);
        if (r.full()) {
            timer.flushFull();
            r.free(cpu, timer.finishCnt(), now, stats, sink);
        }
        r.add(pfn, pages, timer.startCnt(), now);
        stats.inc(Counter.FQ_QUEUED);
        timer.arm(cpu, now);
    }

    /** The domain-wide counters and timer. */
    public FlushQueueTimer timer() {
        return timer;
    }

    /** Queues: one per CPU, or one for all under {@code lazy-single}. */
    public int rings() {
        return rings.length;
    }

    /** fq_flush_timeout's walk: every queue's flushed entries, queue by queue, freed on {@code cpu}. */
    void freeEveryRing(int cpu, long now) {
        for (FqRing r : rings) {
            if (r != null) r.free(cpu, timer.finishCnt(), now, stats, sink);
        }
    }

    private FqRing ring(int cpu) {
        int i = mode.singleQueue() ? 0 : cpu;
        FqRing r = rings[i];
        if (r == null) rings[i] = r = new FqRing(mode.slots());
        return r;
    }

    /** Entries waiting in every queue. */
    public long queued() {
        long n = 0;
        for (FqRing r : rings) n += r == null ? 0 : r.count();
        return n;
    }

    /** The most entries one queue holds now. */
    public int longestQueue() {
        int n = 0;
        for (FqRing r : rings) n = Math.max(n, r == null ? 0 : r.count());
        return n;
    }

    /** Every queued pfn (for the conservation check: a queued IOVA is still allocated in the tree). */
    public void forEachQueued(PfnSink out) {
        for (FqRing r : rings) {
            if (r != null) r.forEachQueued(out);
        }
    }
}
