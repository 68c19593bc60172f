package dev.iovasim.allocator;

/**
 * The domain-wide part of the flush queues: the two IOTLB flush counters and the one timer
 * ({@code fq_timer}). The per-CPU rings are {@link FqRing}s, owned elsewhere: the reference
 * engine's {@link FlushQueue} holds them all, the actor engine gives each CPU actor its own.
 *
 * <p>Flushes here are instantaneous, so the start and finish counters always step together; they
 * are kept apart anyway because a ring's rule is the kernel's: an entry is freed once the finish
 * counter has passed the start counter recorded when it was queued.
 */
public final class FlushQueueTimer {
    /** The timers that share the simulated clock with this one, run in {@link #advance}'s order. */
    public interface Timers {
        /** Run the 6.7+ depot trim jobs due by {@code now}, or only those due before it unless {@code dueAtNow}. */
        void trimUntil(long now, boolean dueAtNow);

        /** fq_flush_timeout at {@code due} on {@code cpu}: the IOTLB was flushed; free every ring's flushed entries. */
        void timeout(int cpu, long due);
    }

    private final long timeoutNanos;
    private final AllocStats stats;
    private long flushStartCnt;
    private long flushFinishCnt;
    private boolean timerOn;
    private long timerDue;
    private int timerCpu;

    public FlushQueueTimer(Invalidation mode, AllocStats stats) {
        if (!mode.lazy()) throw new IllegalArgumentException("a flush queue needs lazy invalidation, not " + mode.word());
        this.timeoutNanos = mode.timeoutNanos();
        this.stats = stats;
    }

    /** The counter a newly queued entry records (fq_flush_start_cnt). */
    public long startCnt() {
        return flushStartCnt;
    }

    /** The counter a ring frees below (fq_flush_finish_cnt). */
    public long finishCnt() {
        return flushFinishCnt;
    }

    /** fq_flush_iotlb because the unmapping CPU's ring was still full after freeing. */
    public void flushFull() {
        stats.inc(Counter.FQ_FULL_FLUSHES);
        flushIotlb();
    }

    /** queue_iova's last step: arm the timer on {@code cpu} unless it is armed. */
    public void arm(int cpu, long now) {
        if (timerOn) return;
        timerOn = true;
        timerDue = now + timeoutNanos;
        timerCpu = cpu;
    }

    /** The CPU that armed the timer, on which fq_flush_timeout will run; meaningful while one is armed. */
    public int timerCpu() {
        return timerCpu;
    }

    /**
     * CPU {@code dead} went offline ({@code online}: the mask without it): timers_dead_cpu() moves
     * a timer pending on it to the CPU that runs the unplug, taken to be the lowest-numbered online
     * CPU (a trace does not name it); with none online the timer stays.
     */
    public void cpuDead(int dead, OnlineCpus online) {
        int to = online.lowest();
        if (timerOn && timerCpu == dead && to >= 0) timerCpu = to;
    }

    /** When the armed timer fires, or {@link Long#MAX_VALUE} when none is armed. */
    public long timerDue() {
        return timerOn ? timerDue : Long.MAX_VALUE;
    }

    /** fq_flush_timeout's first half: disarm and flush the IOTLB; the caller then frees every ring on {@link #timerCpu}. */
    public void fire() {
        if (!timerOn) throw new IllegalStateException("the flush-queue timer is not armed");
        timerOn = false;
        stats.inc(Counter.FQ_TIMER_FLUSHES);
        flushIotlb();
    }

    private void flushIotlb() {
        flushStartCnt++;
        stats.inc(Counter.FQ_FLUSHES);
        flushFinishCnt++;
    }

    /**
     * Moves the clock to {@code now} over {@code timer} (null under strict invalidation): every
     * timer that falls due on the way runs at its own due time, in due order; depot trims due
     * before the flush-queue timer's due time run before it, those due at the same time after it,
     * as in the kernel: fq_flush_timeout runs in the timer softirq, while the expiring timer of
     * iova_depot_work_func's delayed work only queues it for a kworker, which runs later (and may
     * trim the magazine the timeout's frees just pushed). Both engines follow this order (the
     * actor engine one step per message: {@link #nextDue}).
     */
    public static void advance(FlushQueueTimer timer, long now, Timers timers) {
        long due;
        while ((due = nextDue(timer, now)) >= 0) {
            timers.trimUntil(due, false);
            timer.fire();
            timers.timeout(timer.timerCpu(), due);
        }
        timers.trimUntil(now, true);
    }

    /** The flush-queue timer's due time when it falls due by {@code now}, else -1. */
    public static long nextDue(FlushQueueTimer timer, long now) {
        return timer != null && timer.timerDue() <= now ? timer.timerDue() : -1;
    }
}
