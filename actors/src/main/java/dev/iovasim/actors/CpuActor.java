package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.RcacheLadder;
import dev.iovasim.allocator.workload.CpuWorkload;

/**
 * One simulated CPU's rcache (its loaded/prev magazines; this actor is the per-CPU lock). The
 * decisions are the allocator's {@link RcacheLadder}; this actor turns the ladder's steps that cross
 * an owner (depot, tree) into messages. A hit is answered at once; while an operation waits for an
 * answer, later ones wait in the stash, but a flush is served at once: it may be the very one this
 * CPU's tree allocation waits for. The CPU's workload runs in the same actor ({@link WorkloadDriver},
 * {@link HandoverWindow}: parts with their own protocols), so a workload's hit costs no message. A
 * {@link MapIova} carries its sender's {@link DmaLayer} decision (replay: one DMA layer, so every
 * JVM's CPUs see the same device flags in lock-step); a free-running CPU asks its own view.
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
     * @param outcome      where it was served from ({@link Outcome})
     * @param kernelEvents the kinds of kernel event the tree owner has seen (IovaDomain#kernelEventKinds)
     * @param sacFailed    a map's SAC attempt was made and failed (the sender's DMA layer hears of it)
     */
    public record Allocated(long pfn, int outcome, int kernelEvents, boolean sacFailed) implements WireMessage {
    }

    public record Completed(int kernelEvents) implements WireMessage {
    }

    // ------------------------------------------------------------ from the tree owner

    /** Empty every magazine and send the pfns back, in the kernel's order. Served in any state. */
    public record Flush(long round, ActorRef<FlushCoordinator.Answer> replyTo) implements Command, FanOutMessage {
    }

    /** Report what this CPU caches and holds, for the conservation check. Served in any state. */
    public record Survey(ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    /** flushbench: fill every class's loaded then prev with {@code perMagazine} of these pfns each. */
    public record Preload(long[] pfns, int perMagazine, ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    // ------------------------------------------------------------ answers to this CPU's requests
    // each echoes its request's tag: a late one is given back (LateAnswers), never taken for a later one's

    /** A full magazine from the depot; empty when the depot had none. */
    public record FromDepot(long[] pfns, long op) implements Command {
    }

    public record FromTree(long pfn, int kernelEvents, long op) implements Command {
    }

    /** A free's or unplug's effect beyond this CPU is applied; {@code path} says where it went. */
    public record Applied(int path, int kernelEvents, long op) implements Command {
    }

    public static final int TO_DEPOT = 0;
    public static final int DEPOT_OVERFLOW = 1;
    public static final int TO_TREE = 2;

    public static Behavior<Command> create(int cpu, Policy policy, long dma32Pfn, ActorRef<TreeOwnerActor.Command> tree,
                                           ActorRef<DepotActor.Command> depot, CpuWorkload workload,
                                           EngineSettings settings) {
        // no withTimers: its interceptor would wrap every message, flushes too (OwnerRequests)
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH,
                stash -> new CpuActor(ctx, stash, cpu, policy, dma32Pfn, tree, depot, workload, settings).idle));
    }

    private static final int STASH = 1 << 16; // operations a driver may send ahead of their answers

    final ActorContext<Command> ctx;
    private final StashBuffer<Command> stash;
    final int cpu;
    final OwnerRequests requests;
    final CpuCounters counters = new CpuCounters();
    final RcacheLadder ladder;
    final PendingOp op = new PendingOp();
    private final LateAnswers late;
    private final WorkloadDriver driver;
    final CpuFlushQueue fq = new CpuFlushQueue(this);
    final Behavior<Command> idle;
    final Behavior<Command> waiting;
    /** The kinds of kernel event the tree owner's answers have reported, passed on to the driver. */
    private int events;
    /** An answer is awaited; set only between {@link #await} and {@link #resume}. */
    private boolean parked;

    private CpuActor(ActorContext<Command> ctx, StashBuffer<Command> stash, int cpu,
                     Policy policy, long dma32Pfn, ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot,
                     CpuWorkload workload, EngineSettings settings) {
        this.ctx = ctx;
        this.stash = stash;
        this.cpu = cpu;
        this.requests = new OwnerRequests(cpu, ctx, tree, depot, settings.askTimeout());
        FlushingCaches caches = new FlushingCaches(cpu, policy);
        this.ladder = new RcacheLadder(policy, counters.stats, caches);
        this.late = new LateAnswers(cpu, tree);
        this.driver = new WorkloadDriver(this, workload, new DmaLayer(policy, dma32Pfn, counters.stats),
                settings.opsPerRun());
        BehaviorBuilder<Command> idleBuilder = flushFirst(caches)
                .onMessage(Alloc.class, m -> {
                    op.alloc(m.size(), m.limit(), m.flush(), m.replyTo());
                    return attempt();
                })
                .onMessage(MapIova.class, m -> {
                    op.map(m.size(), m.limit(), m.sacLimit(), DmaLayer.DEFAULT_DEVICE, m.replyTo());
                    return attempt();
                })
                .onMessage(Free.class, m -> {
                    op.free(m.size(), m.replyTo());
                    return free(m.pfn());
                })
                .onMessage(Unplug.class, this::onUnplug)
                .onMessage(Preload.class, m -> {
                    ladder.caches().fill(m.pfns(), m.perMagazine());
                    return Reply.to(m.replyTo(), new TreeBench.Preloaded());
                });
        this.idle = late.servedWhenIdle(fq.servedWhenIdle(driver.servedWhenIdle(servedInAnyState(idleBuilder)))).build();
        BehaviorBuilder<Command> waitingBuilder = flushFirst(caches)
                .onMessage(FromDepot.class, this::onFromDepot)
                .onMessage(FromTree.class, this::onFromTree)
                .onMessage(Applied.class, this::onApplied)
                .onMessage(OwnerRequests.ReplyTimeout.class, this::onReplyTimeout);
        this.waiting = servedInAnyState(waitingBuilder).onAnyMessage(Reply.stash(stash)).build();
    }

    /** Flush first in every state (Akka tries cases in order), handled by the caches themselves: a flush finds each CPU cold. */
    private static BehaviorBuilder<Command> flushFirst(FlushingCaches caches) {
        return Behaviors.receive(Command.class).onMessage(Flush.class, caches);
    }

    private BehaviorBuilder<Command> servedInAnyState(BehaviorBuilder<Command> b) {
        return CpuSeries.servedInAnyState(this, fq.servedInAnyState(driver.servedInAnyState(b
                .onMessage(Survey.class, m -> Reply.to(m.replyTo(), new ConservationSurvey.CpuHoldings(cpu,
                        ladder.caches().copy(), fq.withQueued(driver.heldPfns())))))));
    }

    // ------------------------------------------------------------ operations: the ladder's steps as messages

    /** One alloc_iova_fast attempt of the operation in progress. */
    Behavior<Command> attempt() {
        return step(ladder.alloc(op.size, op.attemptLimit, op.attemptMayFlush));
    }

    Behavior<Command> free(long pfn) {
        return step(ladder.free(pfn, op.size));
    }

    /** Takes the ladder's next step: done here, or a request to the depot or the tree owner. */
    private Behavior<Command> step(RcacheLadder.Step s) {
        switch (s) {
            case DONE -> {
                return op.isAllocation() ? attemptDone(ladder.pfn()) : completed();
            }
            // the depot hands a magazine it refuses straight on to the tree owner (DepotActor), so
            // by the time this CPU hears of the refusal the pfns are back in the tree
            case TREE_FREE_MAGAZINE -> {
                return step(ladder.treeFreed());
            }
            case DEPOT_GET -> requests.takeFull(ladder.sizeClass(), driver.clockNanos());
            case TREE_ALLOC -> requests.treeAlloc(ladder, op.attemptPart());
            case DEPOT_PUT -> requests.putFull(ladder.sizeClass(), ladder.sendOutgoing(), driver.clockNanos());
            case TREE_FREE -> requests.treeFree(ladder.pfn());
        }
        return await();
    }

    /**
     * A workload's chained uncached free and the uncached allocation after it (in {@link #op}): two ladder
     * steps to the tree in one request, so no other CPU takes the freed range in between (the reference
     * engine runs the pair back to back); the free needs nothing once the tree has it, so it is done here.
     */
    Behavior<Command> freeThenAlloc(long freedPfn, long freedSize) {
        if (ladder.free(freedPfn, freedSize) != RcacheLadder.Step.TREE_FREE
                || ladder.treeFreed() != RcacheLadder.Step.DONE
                || ladder.alloc(op.size, op.attemptLimit, op.attemptMayFlush) != RcacheLadder.Step.TREE_ALLOC) {
            throw new IllegalStateException("cpu " + cpu + ": a chained free and allocation must both be uncached");
        }
        counters.completed();
        requests.treeFreeAlloc(freedPfn, ladder, op.attemptPart());
        return await();
    }

    private Behavior<Command> onFromDepot(FromDepot m) {
        if (!requests.awaited(m.op())) return late.fromDepot(m);
        Magazine full = m.pfns().length == 0 ? null : Magazine.of(ladder.caches().magazineSize(), m.pfns());
        return step(ladder.resumeDepotGet(full));
    }

    private Behavior<Command> onFromTree(FromTree m) {
        if (!requests.awaited(m.op())) return late.fromTree(m);
        events |= m.kernelEvents();
        return step(ladder.resumeTree(m.pfn()));
    }

    private Behavior<Command> onApplied(Applied m) {
        if (!requests.awaited(m.op())) return Behaviors.same(); // late: the free it reports took effect
        events |= m.kernelEvents();
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
        int outcome = counters.allocated(op.size, pfn, ladder.outcome(), op.startNanos);
        if (op.allocReply != null) {
            op.allocReply.tell(new Allocated(pfn, outcome, events, op.sacFailed));
        } else if (pfn != 0) {
            driver.handOver(pfn, op.size, op.freeCpu);
        }
        return resume();
    }

    private Behavior<Command> onUnplug(Unplug m) {
        op.unplug(m.replyTo());
        requests.freeBatch(ladder.unplug());
        return await();
    }

    Behavior<Command> completed() { // a flush queue's frees handed out (fq_ring_free) run first, one by one
        Behavior<Command> next = fq.freeNext();
        if (next != null) return next;
        if (op.isOperation()) counters.completed();
        if (op.doneReply != null) op.doneReply.tell(new Completed(events));
        return resume();
    }

    // ------------------------------------------------------------ waiting

    /** Waits for the answer to the request just sent. */
    Behavior<Command> await() {
        parked = true;
        return waiting;
    }

    /** The operation is complete: take the next one (stashed, or the workload's). */
    private Behavior<Command> resume() {
        if (!parked) return idle;
        parked = false;
        requests.answered();
        driver.operationDone();
        return stash.isEmpty() ? idle : stash.unstashAll(idle);
    }

    private Behavior<Command> onReplyTimeout(OwnerRequests.ReplyTimeout m) {
        if (!requests.awaited(m.op())) return Behaviors.same();
        counters.error("cpu " + cpu + ": no answer within " + requests.timeoutMillis()
                + " ms; the operation counts as failed");
        if (!op.isAllocation()) return completed();
        op.sacPending = false;
        return attemptDone(0);
    }
}
