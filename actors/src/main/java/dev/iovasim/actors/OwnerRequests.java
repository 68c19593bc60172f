package dev.iovasim.actors;

import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import dev.iovasim.allocator.RcacheLadder;
import java.time.Duration;

/**
 * A CPU actor's requests to the owners beyond it, the {@link RcacheLadder}'s steps as messages:
 * the depot actor (take or put a full magazine) and the tree owner (allocate, free, free a batch).
 * Each request carries a new tag, which its answer echoes, and starts the reply timer; an answer
 * with another tag is late ({@link LateAnswers}). At most one request is awaited at a time.
 * The reply timer is a plain scheduled message ({@link ActorContext#scheduleOnce}), not Akka's
 * {@code withTimers}: that wraps the whole behaviour in an interceptor which every message to
 * the CPU pays for, a flush's too (docs/performance.md, "1024 CPUs in one JVM"). What
 * {@code withTimers} adds, a cancelled timer's message never delivered, the tag gives already:
 * a timeout whose tag is not the awaited one is ignored ({@link #awaited}).
 */
final class OwnerRequests {

    /** The awaited answer to request {@code op} did not come in time. */
    record ReplyTimeout(long op) implements CpuActor.Command {
    }

    private final int cpu;
    private final ActorRef<CpuActor.Command> self;
    private final ActorRef<TreeOwnerActor.Command> tree;
    private final ActorRef<DepotActor.Command> depot;
    private final ActorContext<CpuActor.Command> ctx;
    private final Duration replyTimeout;
    private long tag;
    /** The awaited request's reply timer, or null. */
    private Cancellable timer;

    OwnerRequests(int cpu, ActorContext<CpuActor.Command> ctx, ActorRef<TreeOwnerActor.Command> tree,
                  ActorRef<DepotActor.Command> depot, Duration replyTimeout) {
        this.cpu = cpu;
        this.ctx = ctx;
        this.self = ctx.getSelf();
        this.tree = tree;
        this.depot = depot;
        this.replyTimeout = replyTimeout;
    }

    /** {@link RcacheLadder.Step#DEPOT_GET} at the CPU's virtual time {@code nowNanos}. */
    void takeFull(int sizeClass, long nowNanos) {
        depot.tell(new DepotActor.TakeFull(sizeClass, nowNanos, next(), self));
    }

    /** {@link RcacheLadder.Step#DEPOT_PUT}: a refused magazine goes on from the depot to the tree owner. */
    void putFull(int sizeClass, long[] pfns, long nowNanos) {
        depot.tell(new DepotActor.PutFull(sizeClass, pfns, nowNanos, next(), self));
    }

    /** {@link RcacheLadder.Step#TREE_ALLOC}; the tree owner flushes and retries when the ladder allows. */
    void treeAlloc(RcacheLadder ladder, int part) {
        tree.tell(allocation(ladder, part));
    }

    /** {@link RcacheLadder.Step#TREE_FREE}. */
    void treeFree(long pfn) {
        tree.tell(new TreeOwnerActor.TreeFree(pfn, next(), self));
    }

    /** A chained uncached free, then the ladder's {@link RcacheLadder.Step#TREE_ALLOC}, as one request. */
    void treeFreeAlloc(long freedPfn, RcacheLadder ladder, int part) {
        tree.tell(new TreeOwnerActor.TreeFreeAlloc(freedPfn, allocation(ladder, part)));
    }

    /** An unplugged CPU's magazines, back to the tree. */
    void freeBatch(long[] pfns) {
        tree.tell(new TreeOwnerActor.FreeBatch(pfns, CpuActor.TO_TREE, next(), self));
    }

    /** queue_iova asks {@code timer} for the finish counter (arming it), or with {@code fullFlush} for an IOTLB flush first. */
    void fqQueueing(ActorRef<FlushTimerActor.Command> timer, long nowNanos, boolean fullFlush) {
        timer.tell(new FlushTimerActor.Queueing(cpu, nowNanos, fullFlush, next(), self));
    }

    /** lazy-single's queue_iova of (pfn, pages): done whole at {@code timer}, the owner of the one queue. */
    void fqSingle(ActorRef<FlushTimerActor.Command> timer, long pfn, long pages, long nowNanos) {
        timer.tell(new FlushTimerActor.QueueSingle(cpu, pfn, pages, nowNanos, next(), self));
    }

    /** {@code part}: the request's place in its operation, for the tree's visit counts ({@link TreeVisitBook}). */
    private TreeOwnerActor.TreeAlloc allocation(RcacheLadder ladder, int part) {
        return new TreeOwnerActor.TreeAlloc(cpu, ladder.rounded(), ladder.limit(), ladder.flushOnFailure(), next(), self, part);
    }

    private long next() {
        tag++;
        answered();
        timer = ctx.scheduleOnce(replyTimeout, self, new ReplyTimeout(tag));
        return tag;
    }

    /** Whether an answer tagged {@code op} is the one awaited (else it is late). */
    boolean awaited(long op) {
        return op == tag;
    }

    /** The awaited answer came (or the wait was given up): stop its timer. */
    void answered() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    long timeoutMillis() {
        return replyTimeout.toMillis();
    }
}
