package dev.iovasim.actors;

import akka.actor.typed.ActorRef;

/**
 * The one operation a CPU actor is working on: what was asked, which attempt of it is running
 * (a map's SAC attempt, then its full one) and where the answer goes; the rcache's own progress
 * through the operation is the {@link dev.iovasim.allocator.RcacheLadder}'s. Reused for every operation, so a cache hit allocates nothing.
 */
final class PendingOp {
    static final int ALLOC = 1;
    static final int MAP = 2;
    static final int FREE = 3;
    static final int UNPLUG = 4;
    /** fq_flush_timeout's frees on the CPU that armed the timer: work, but no operation of a workload or trace. */
    static final int TIMER_FREES = 5;

    int kind;
    /** The caller's size, unrounded (the ladder rounds it; a free's class and the stats' bucket come from it). */
    long size;
    long limit;
    /** The attempt running now: a map's first one is the SAC attempt under 4 GiB, without flush. */
    long attemptLimit;
    boolean attemptMayFlush;
    boolean sacPending;
    /** This map's SAC attempt was made and failed. */
    boolean sacFailed;
    /** A map's device ({@link dev.iovasim.allocator.DmaLayer} numbering). */
    int device;
    long startNanos;
    /** The CPU whose workload holds a successful mapping; -1 when a message asked for the operation. */
    int freeCpu;
    ActorRef<CpuActor.Allocated> allocReply;
    ActorRef<CpuActor.Completed> doneReply;

    /** An alloc; the answer goes to {@code replyTo}, or nowhere (null) when the CPU's workload asked. */
    void alloc(long size, long limit, boolean mayFlush, ActorRef<CpuActor.Allocated> replyTo) {
        allocation(ALLOC, size, limit, 0, mayFlush, replyTo);
    }

    /**
     * The DMA layer's map on {@code device}: when {@code sacLimit} is not 0 (the DMA layer asked
     * for a SAC attempt), try under it first without flush, then {@code limit} with flush. The
     * answer goes to {@code replyTo}, or nowhere (null) when the CPU's workload asked.
     */
    void map(long size, long limit, long sacLimit, int device, ActorRef<CpuActor.Allocated> replyTo) {
        allocation(MAP, size, limit, sacLimit, true, replyTo);
        this.device = device;
    }

    private void allocation(int kind, long size, long limit, long sacLimit, boolean mayFlush, ActorRef<CpuActor.Allocated> replyTo) {
        begin(kind, size);
        allocReply = replyTo;
        this.limit = limit;
        sacPending = sacLimit != 0;
        sacFailed = false;
        attemptLimit = sacPending ? sacLimit : limit;
        attemptMayFlush = mayFlush && !sacPending;
    }

    /** The SAC attempt failed: the second attempt uses the device's own limit and may flush. */
    boolean nextAttempt() {
        if (!sacPending) return false;
        sacPending = false;
        sacFailed = true;
        attemptLimit = limit;
        attemptMayFlush = true;
        return true;
    }

    /** The running attempt's place in the operation, for the tree's visit counts ({@link TreeVisitBook}). */
    int attemptPart() {
        return sacPending ? TreeVisitBook.SAC_ATTEMPT : sacFailed ? TreeVisitBook.AFTER_SAC : TreeVisitBook.WHOLE;
    }

    /** A free; {@code replyTo} hears when it is done, or nobody (null) when the CPU's workload asked. */
    void free(long size, ActorRef<CpuActor.Completed> replyTo) {
        begin(FREE, size);
        doneReply = replyTo;
    }

    /** free_cpu_cached_iovas; {@code replyTo} hears when the magazines are back in the tree. */
    void unplug(ActorRef<CpuActor.Completed> replyTo) {
        begin(UNPLUG, 0);
        doneReply = replyTo;
    }

    private void begin(int kind, long size) {
        this.kind = kind;
        this.size = size;
        this.startNanos = System.nanoTime();
        this.freeCpu = -1;
        this.allocReply = null;
        this.doneReply = null;
    }

    /** Counted as an operation when done: anything but the timer's frees. */
    boolean isOperation() {
        return kind != TIMER_FREES;
    }

    boolean isAllocation() {
        return kind == ALLOC || kind == MAP;
    }
}
