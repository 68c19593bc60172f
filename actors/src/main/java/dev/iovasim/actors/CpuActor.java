package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.RcacheLadder;
import dev.iovasim.allocator.workload.CpuWorkload;
import java.time.Duration;

/**
 * One simulated CPU's rcache: its loaded/prev magazines of every size class, so this actor is the
 * per-CPU lock. The decisions are the allocator's {@link RcacheLadder}; this actor only turns the
 * ladder's steps that cross an owner (the depot, the tree) into messages. A cache hit is answered
 * at once without a message; while an operation waits for an answer, later operations wait in the
 * stash, but a flush is served at once: the flush may be the very one this CPU's tree allocation
 * is waiting for.
 *
 * <p>The same actor runs the CPU's workload when free-running: {@link WorkloadDriver} (its own
 * protocol: start, reports, statistics) and {@link HandoverWindow} (mappings handed to other CPUs)
 * are parts of it, so a workload's cache hit still costs no message.
 *
 * <p>A map's SAC attempt is the {@link DmaLayer}'s decision. A driver's {@link MapIova} carries the
 * driver's decision (replay: one DMA layer, in the driver, so every JVM's CPUs see the same device
 * flags in lock-step); a free-running CPU asks its own view ({@link WorkloadDriver}).
 */
public final class CpuActor {

    public interface Command extends WireMessage {
    }

    // ------------------------------------------------------------ operations (trace replay, setup)

    /** alloc_iova_fast(size, limit, flush) on this CPU. */
    public record Alloc(long size, long limit, boolean flush, ActorRef<Allocated> replyTo) implements Command {
    }

    /**
     * The DMA layer's map. The sender's {@link DmaLayer} decides the SAC attempt: {@code sacLimit}
     * is its 32-bit limit (tried first, without flush), or 0 for none.
     */
    public record MapIova(long size, long limit, long sacLimit, ActorRef<Allocated> replyTo) implements Command {
    }

    /** free_iova_fast(pfn, size) on this CPU; {@code size} unrounded. */
    public record Free(long pfn, long size, ActorRef<Completed> replyTo) implements Command {
    }

    /** free_cpu_cached_iovas: the CPU went offline; its magazines return to the tree. */
    public record Unplug(ActorRef<Completed> replyTo) implements Command {
    }

    /**
     * @param outcome         where it was served from ({@link Outcome})
     * @param staleCachedNode the tree owner has seen v4.15's stale cached32 moment
     * @param sacFailed       a map's SAC attempt was made and failed (the sender's DMA layer hears of it)
     */
    public record Allocated(long pfn, int outcome, boolean staleCachedNode, boolean sacFailed) implements WireMessage {
    }

    public record Completed(boolean staleCachedNode) implements WireMessage {
    }

    // ------------------------------------------------------------ from the tree owner

    /** Empty every magazine and send the pfns back, in the kernel's order. Served in any state. */
    public record Flush(long round, ActorRef<TreeOwnerActor.Command> replyTo) implements Command, FanOutMessage {
    }

    /** Report what this CPU caches and holds, for the conservation check. Served in any state. */
    public record Survey(ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    /** flushbench: fill every class's loaded then prev with {@code perMagazine} of these pfns each. */
    public record Preload(long[] pfns, int perMagazine, ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    // ------------------------------------------------------------ answers to this CPU's requests

    // every answer carries the tag of the request it answers ({@link LateAnswers}: one that comes
    // after its request timed out is returned, never taken for the answer to a later request)

    /** A full magazine from the depot; empty when the depot had none. */
    public record FromDepot(long[] pfns, long op) implements Command {
    }

    public record FromTree(long pfn, boolean staleCachedNode, long op) implements Command {
    }

    /** A free's or unplug's effect beyond this CPU is applied; {@code path} says where it went. */
    public record Applied(int path, boolean staleCachedNode, long op) implements Command {
    }

    public static final int TO_DEPOT = 0;
    public static final int DEPOT_OVERFLOW = 1;
    public static final int TO_TREE = 2;

    private record ReplyTimeout(long op) implements Command {
    }

    // ------------------------------------------------------------ the actor

    public static Behavior<Command> create(int cpu, Policy policy, long dma32Pfn, ActorRef<TreeOwnerActor.Command> tree,
                                           ActorRef<DepotActor.Command> depot, CpuWorkload workload,
                                           EngineSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH,
                stash -> new CpuActor(ctx, timers, stash, cpu, policy, dma32Pfn, tree, depot, workload, settings).idle)));
    }

    /** Operations a driver may send ahead of their answers. */
    private static final int STASH = 1 << 16;

    final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    final int cpu;
    private final ActorRef<TreeOwnerActor.Command> tree;
    private final ActorRef<DepotActor.Command> depot;
    private final Duration replyTimeout;
    private final int magazineSize;
    final AllocStats stats = new AllocStats();
    private final RcacheLadder ladder;
    final LatencyBook latency = new LatencyBook();
    final PendingOp op = new PendingOp();
    private final LateAnswers late;
    private final WorkloadDriver driver;
    final Behavior<Command> idle;
    final Behavior<Command> waiting;
    private boolean stale;
    /** An answer is awaited; set only between {@link #await} and {@link #resume}. */
    private boolean parked;
    private long opSeq;
    long ops;
    long errors;
    String firstError;

    private CpuActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash, int cpu,
                     Policy policy, long dma32Pfn, ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot,
                     CpuWorkload workload, EngineSettings settings) {
        this.ctx = ctx;
        this.timers = timers;
        this.stash = stash;
        this.cpu = cpu;
        this.tree = tree;
        this.depot = depot;
        this.replyTimeout = settings.askTimeout();
        this.magazineSize = policy.magazineSize();
        this.ladder = new RcacheLadder(policy, stats);
        this.late = new LateAnswers(cpu, tree);
        this.driver = new WorkloadDriver(this, workload, new DmaLayer(policy, dma32Pfn, stats), settings.opsPerRun());
        BehaviorBuilder<Command> idleBuilder = Behaviors.receive(Command.class)
                .onMessage(Alloc.class, this::onAlloc)
                .onMessage(MapIova.class, this::onMap)
                .onMessage(Free.class, this::onFree)
                .onMessage(Unplug.class, this::onUnplug)
                .onMessage(Preload.class, this::onPreload)
                .onMessage(FromDepot.class, late::fromDepot)
                .onMessage(FromTree.class, late::fromTree)
                .onMessage(Applied.class, late::applied)
                .onMessage(ReplyTimeout.class, m -> Behaviors.same());
        this.idle = driver.servedWhenIdle(servedInAnyState(idleBuilder)).build();
        BehaviorBuilder<Command> waitingBuilder = Behaviors.receive(Command.class)
                .onMessage(FromDepot.class, this::onFromDepot)
                .onMessage(FromTree.class, this::onFromTree)
                .onMessage(Applied.class, this::onApplied)
                .onMessage(ReplyTimeout.class, this::onReplyTimeout);
        this.waiting = servedInAnyState(waitingBuilder)
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    private BehaviorBuilder<Command> servedInAnyState(BehaviorBuilder<Command> b) {
        return driver.servedInAnyState(b.onMessage(Flush.class, this::onFlush).onMessage(Survey.class, this::onSurvey));
    }

    // ------------------------------------------------------------ operations: the ladder's steps as messages

    private Behavior<Command> onAlloc(Alloc m) {
        op.alloc(m.size(), m.limit(), m.flush());
        op.allocReply = m.replyTo();
        return attempt();
    }

    private Behavior<Command> onMap(MapIova m) {
        op.map(m.size(), m.limit(), m.sacLimit(), DmaLayer.DEFAULT_DEVICE);
        op.allocReply = m.replyTo();
        return attempt();
    }

    /** One alloc_iova_fast attempt of the operation in progress. */
    Behavior<Command> attempt() {
        return step(ladder.alloc(op.size, op.attemptLimit, op.attemptMayFlush));
    }

    private Behavior<Command> onFree(Free m) {
        op.free(m.size());
        op.doneReply = m.replyTo();
        return free(m.pfn());
    }

    Behavior<Command> free(long pfn) {
        return step(ladder.free(pfn, op.size));
    }

    /** Takes the ladder's next step: done here, or a request to the depot or the tree owner. */
    private Behavior<Command> step(RcacheLadder.Step s) {
        switch (s) {
            case DONE:
                return op.isAllocation() ? attemptDone(ladder.pfn()) : completed();
            case DEPOT_GET:
                depot.tell(new DepotActor.TakeFull(ladder.sizeClass(), driver.clockNanos(), ++opSeq, ctx.getSelf()));
                return await();
            case TREE_ALLOC:
                tree.tell(treeAlloc());
                return await();
            case DEPOT_PUT:
                depot.tell(new DepotActor.PutFull(ladder.sizeClass(), ladder.sendOutgoing(), driver.clockNanos(), ++opSeq,
                        ctx.getSelf()));
                return await();
            case TREE_FREE:
                tree.tell(new TreeOwnerActor.TreeFree(ladder.pfn(), ++opSeq, ctx.getSelf()));
                return await();
            case TREE_FREE_MAGAZINE:
                // the depot hands a magazine it refuses straight on to the tree owner (DepotActor), so
                // by the time this CPU hears of the refusal the pfns are back in the tree
                return step(ladder.treeFreed());
            default:
                throw new IllegalStateException("cpu " + cpu + ": unknown ladder step " + s);
        }
    }

    private TreeOwnerActor.TreeAlloc treeAlloc() {
        return new TreeOwnerActor.TreeAlloc(cpu, ladder.rounded(), ladder.limit(), ladder.flushOnFailure(), ++opSeq,
                ctx.getSelf());
    }

    /**
     * A workload's chained pair: an uncached free and the uncached allocation right after it go to
     * the tree owner as one request, so no other CPU's allocation can take the freed range in
     * between (the reference engine runs the pair back to back for the same reason). Both are
     * ladder steps to the tree; the free needs nothing after the tree has it, so it counts as done
     * here. {@link #op} holds the allocation when this is called.
     */
    Behavior<Command> freeThenAlloc(long freedPfn, long freedSize) {
        if (ladder.free(freedPfn, freedSize) != RcacheLadder.Step.TREE_FREE
                || ladder.treeFreed() != RcacheLadder.Step.DONE
                || ladder.alloc(op.size, op.attemptLimit, op.attemptMayFlush) != RcacheLadder.Step.TREE_ALLOC) {
            throw new IllegalStateException("cpu " + cpu + ": a chained free and allocation must both be uncached");
        }
        ops++;
        tree.tell(new TreeOwnerActor.TreeFreeAlloc(freedPfn, treeAlloc()));
        return await();
    }

    private Behavior<Command> onFromDepot(FromDepot m) {
        if (m.op() != opSeq) return late.fromDepot(m);
        return step(ladder.resumeDepotGet(m.pfns().length == 0 ? null : Magazine.of(magazineSize, m.pfns())));
    }

    private Behavior<Command> onFromTree(FromTree m) {
        if (m.op() != opSeq) return late.fromTree(m);
        stale |= m.staleCachedNode();
        return step(ladder.resumeTree(m.pfn()));
    }

    private Behavior<Command> onApplied(Applied m) {
        if (m.op() != opSeq) return late.applied(m);
        stale |= m.staleCachedNode();
        if (op.kind == PendingOp.UNPLUG) return completed();
        return step(switch (m.path()) {
            case TO_DEPOT -> ladder.resumeDepotPut(true);
            case DEPOT_OVERFLOW -> ladder.resumeDepotPut(false);
            default -> ladder.treeFreed();
        });
    }

    private Behavior<Command> attemptDone(long pfn) {
        if (pfn == 0 && op.nextAttempt()) {
            // a driver's map: its DMA layer hears of the failure in the answer; our own: we clear the flag
            if (op.allocReply == null) driver.sacFailed(op.device);
            return attempt();
        }
        int outcome = stats.countAlloc(op.size, pfn, ladder.outcome());
        latency.record(outcome, System.nanoTime() - op.startNanos);
        ops++;
        if (op.allocReply != null) {
            op.allocReply.tell(new Allocated(pfn, outcome, stale, op.sacFailed));
        } else if (pfn != 0) {
            driver.handOver(pfn, op.size, op.freeCpu);
        }
        return resume();
    }

    private Behavior<Command> onUnplug(Unplug m) {
        op.unplug();
        op.doneReply = m.replyTo();
        tree.tell(new TreeOwnerActor.FreeBatch(ladder.unplug(), TO_TREE, ++opSeq, ctx.getSelf()));
        return await();
    }

    private Behavior<Command> completed() {
        ops++;
        if (op.doneReply != null) op.doneReply.tell(new Completed(stale));
        return resume();
    }

    // ------------------------------------------------------------ served in any state

    private Behavior<Command> onFlush(Flush m) {
        m.replyTo().tell(new TreeOwnerActor.Flushed(cpu, m.round(), MagazineCopies.drain(ladder.caches())));
        return Behaviors.same();
    }

    private Behavior<Command> onSurvey(Survey m) {
        m.replyTo().tell(new TreeOwnerActor.CpuHoldings(cpu, MagazineCopies.copy(ladder.caches()), driver.heldPfns()));
        return Behaviors.same();
    }

    private Behavior<Command> onPreload(Preload m) {
        MagazineCopies.preload(ladder.caches(), m.pfns(), m.perMagazine());
        m.replyTo().tell(new TreeOwnerActor.Preloaded(cpu));
        return Behaviors.same();
    }

    // ------------------------------------------------------------ waiting

    /** Waits for the answer to the request just sent, tagged {@code opSeq}. */
    Behavior<Command> await() {
        parked = true;
        timers.startSingleTimer(ReplyTimeout.class, new ReplyTimeout(opSeq), replyTimeout);
        return waiting;
    }

    /** The operation is complete: take the next one (stashed, or the workload's). */
    private Behavior<Command> resume() {
        if (!parked) return idle;
        parked = false;
        timers.cancel(ReplyTimeout.class);
        driver.operationDone();
        return stash.isEmpty() ? idle : stash.unstashAll(idle);
    }

    private Behavior<Command> onReplyTimeout(ReplyTimeout m) {
        if (m.op() != opSeq) return Behaviors.same();
        error("cpu " + cpu + ": no answer within " + replyTimeout.toMillis() + " ms; the operation counts as failed");
        if (!op.isAllocation()) return completed();
        op.sacPending = false;
        return attemptDone(0);
    }

    private void error(String message) {
        errors++;
        if (firstError == null) firstError = message;
    }
}
