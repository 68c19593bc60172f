package dev.iovasim.allocator;

/**
 * The DMA layer's flush queues for lazy invalidation: {@code queue_iova}, {@code fq_ring_free},
 * {@code fq_flush_iotlb} (called {@code iova_domain_flush} in iova.c up to v5.16) and
 * {@code fq_flush_timeout}. Each queue is a ring of (pfn, pages, flush counter, queue time).
 *
 * <p>The two flush counters follow the kernel's: an entry records the start counter when it is
 * queued, and is freed only once the finish counter has passed it, i.e. once an IOTLB flush that
 * started after the unmap has completed. Flushes here are instantaneous, so start and finish
 * always step together; the rule still matters because a queue is only emptied when its own CPU
 * queues again or the timer fires: a flush made by one CPU leaves the other CPUs' flushed entries
 * in their queues until then.
 *
 * <p>Frees go through {@link Sink} to {@code free_iova_fast} on the CPU that runs the code: the
 * unmapping CPU in {@code queue_iova}; the CPU that armed the timer in {@code fq_flush_timeout},
 * which walks every CPU's queue (a kernel timer fires on the CPU that armed it: {@code mod_timer}
 * queues on the local CPU's timer base; timer migration to a busy CPU is not modelled).
 */
public final class FlushQueue {
    /** Where freed IOVAs go: free_iova_fast on {@code cpu}. */
    public interface Sink {
        void free(int cpu, long pfn, long pages);
    }

    private final Invalidation mode;
    private final Ring[] rings;
    private final AllocStats stats;
    private final Sink sink;
    private long flushStartCnt;
    private long flushFinishCnt;
    private boolean timerOn;
    private long timerDue;
    private int timerCpu;

    public FlushQueue(Invalidation mode, int cpus, AllocStats stats, Sink sink) {
        if (!mode.lazy()) throw new IllegalArgumentException("a flush queue needs lazy invalidation, not " + mode.word());
        this.mode = mode;
        this.rings = new Ring[mode.singleQueue() ? 1 : cpus];
        this.stats = stats;
        this.sink = sink;
    }

    /**
     * queue_iova on {@code cpu} at simulated time {@code now}: first free what earlier flushes made
     * safe in this queue; if the queue is still full, flush the IOTLB and free again; append the
     * entry; arm the timer unless it is armed.
     */
    public void queue(int cpu, long pfn, long pages, long now) {
        Ring r = ring(cpu);
        ringFree(cpu, r, now);
        if (r.full()) {
            stats.inc(Counter.FQ_FULL_FLUSHES);
            flushIotlb();
            ringFree(cpu, r, now);
        }
        r.add(pfn, pages, flushStartCnt, now);
        stats.inc(Counter.FQ_QUEUED);
        if (!timerOn) {
            timerOn = true;
            timerDue = now + mode.timeoutNanos();
            timerCpu = cpu;
        }
    }

    /** The CPU that armed the timer, on which fq_flush_timeout will run; meaningful while one is armed. */
    public int timerCpu() {
        return timerCpu;
    }

    /** Queues: one per CPU, or one for all under {@code lazy-single}. */
    public int rings() {
        return rings.length;
    }

    /** When the armed timer fires, or {@link Long#MAX_VALUE} when none is armed. */
    public long timerDue() {
        return timerOn ? timerDue : Long.MAX_VALUE;
    }

    /**
     * fq_flush_timeout, run at the timer's due time on the CPU that armed it: disarm, flush the
     * IOTLB, and free every queue's flushed entries into that CPU's caches.
     */
    public void fireTimer() {
        if (!timerOn) throw new IllegalStateException("the flush-queue timer is not armed");
        timerOn = false;
        stats.inc(Counter.FQ_TIMER_FLUSHES);
        flushIotlb();
        for (Ring r : rings) {
            if (r != null) ringFree(timerCpu, r, timerDue);
        }
    }

    private void flushIotlb() {
        flushStartCnt++;
        stats.inc(Counter.FQ_FLUSHES);
        flushFinishCnt++;
    }

    /** fq_ring_free: frees entries from the head while their counter is below the finish counter. */
    private void ringFree(int cpu, Ring r, long now) {
        int freed = 0;
        while (r.count > 0 && r.counters[r.head] < flushFinishCnt) {
            int h = r.head;
            long wait = now - r.times[h];
            stats.add(Counter.FQ_WAIT_NANOS, wait);
            stats.max(Counter.FQ_MAX_WAIT_NANOS, wait);
            stats.fqWaitLog2[64 - Long.numberOfLeadingZeros(wait)]++;
            long pfn = r.pfns[h];
            long pages = r.pages[h];
            r.dropHead();
            freed++;
            sink.free(cpu, pfn, pages);
        }
        if (freed > 0) {
            stats.add(Counter.FQ_FREED, freed);
            stats.inc(Counter.FQ_BATCHES);
            stats.max(Counter.FQ_MAX_BATCH, freed);
        }
    }

    private Ring ring(int cpu) {
        int i = mode.singleQueue() ? 0 : cpu;
        Ring r = rings[i];
        if (r == null) rings[i] = r = new Ring(mode.slots());
        return r;
    }

    /** Entries waiting in every queue. */
    public long queued() {
        long n = 0;
        for (Ring r : rings) n += r == null ? 0 : r.count;
        return n;
    }

    /** The most entries one queue holds now. */
    public int longestQueue() {
        int n = 0;
        for (Ring r : rings) n = Math.max(n, r == null ? 0 : r.count);
        return n;
    }

    /** Every queued pfn (for the conservation check: a queued IOVA is still allocated in the tree). */
    public void forEachQueued(PfnSink out) {
        for (Ring r : rings) {
            if (r == null) continue;
            for (int k = 0; k < r.count; k++) out.accept(r.pfns[(r.head + k) % r.pfns.length]);
        }
    }

    /** One queue: {@code slots} entries of which at most {@code slots - 1} are used, as fq_full has it. */
    private static final class Ring {
        final long[] pfns;
        final long[] pages;
        final long[] counters;
        final long[] times;
        int head;
        int count;

        Ring(int slots) {
            pfns = new long[slots];
            pages = new long[slots];
            counters = new long[slots];
            times = new long[slots];
        }

        boolean full() {
            return count == pfns.length - 1;
        }

        void add(long pfn, long pg, long counter, long now) {
            int i = (head + count) % pfns.length;
            pfns[i] = pfn;
            pages[i] = pg;
            counters[i] = counter;
            times[i] = now;
            count++;
        }

        void dropHead() {
            head = (head + 1) % pfns.length;
            count--;
        }
    }
}
