package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.CpuRcache;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.WorkOp;
import java.time.Duration;
import java.util.List;

/**
 * One simulated CPU: its loaded/prev magazines of every size class (the per-CPU rcache, so this
 * actor is the per-CPU lock) and, when free-running, its workload. A cache hit is answered at once
 * without a message; a miss asks the depot, then the tree owner. While an operation waits for an
 * answer, later operations wait in the stash, but a flush is served at once: the flush may be the
 * very one this CPU's tree allocation is waiting for.
 *
 * <p>A map's SAC attempt is the {@link DmaLayer}'s decision. A driver's {@link Map} carries the
 * driver's decision (replay: one DMA layer, in the driver, so every JVM's CPUs see the same device
 * flags in lock-step). A free-running CPU asks its own view of the DMA layer and, when its failed
 * SAC attempt clears a device's flag, tells every peer ({@link DeviceSwitched}, also across JVMs):
 * the kernel's flag is a plain field that other CPUs read without a lock, so they too may make
 * one more attempt before they see the store.
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
    public record Map(long size, long limit, long sacLimit, ActorRef<Allocated> replyTo) implements Command {
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

    /**
     * A peer's SAC attempt failed and cleared {@code device}'s flag (v6.4+ sticky rule): this CPU's
     * view of the DMA layer follows. Served in any state, like the kernel's racy read of the flag.
     */
    public record DeviceSwitched(int device) implements Command {
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

    // ------------------------------------------------------------ free-running and reports

    /** Run this CPU's workload to its end, then answer with the CPU's report. */
    public record Start(List<ActorRef<Command>> peers, ActorRef<CpuReport> replyTo) implements Command {
    }

    /** Another CPU's allocation that this CPU's workload now holds and will free. */
    public record Adopt(long pfn, long size) implements Command {
    }

    public record Report(ActorRef<CpuReport> replyTo) implements Command {
    }

    /**
     * This CPU's counters so far, for metrics published while a run goes. Served in any state:
     * it only reads the counters, so it need not wait behind the operation in progress.
     */
    public record Stats(ActorRef<CpuStats> replyTo) implements Command {
    }

    /**
     * @param stats   this CPU's counters ({@link StatsVector}) when it answered
     * @param latency its allocation latency so far, as in {@link CpuReport}
     */
    public record CpuStats(int cpu, long[] stats, byte[][] latency) implements WireMessage {
    }

    /**
     * An Adopt to a CPU on another node, acknowledged: a CPU keeps at most {@link #HANDOVER_WINDOW}
     * unacknowledged, so a burst of remote frees cannot overfill the network's outbound queue (which
     * drops what does not fit), and a CPU reports its end only when all its handovers have arrived.
     */
    public record Handover(long pfn, long size, int from, ActorRef<Command> ackTo) implements Command {
    }

    public record HandoverAck(int to) implements Command {
    }

    /** CPUs [first, first + count) are gone with their node: forget what was in flight to them. */
    public record PeersLost(int first, int count) implements Command {
    }

    /** Unacknowledged handovers a CPU may have in flight to other nodes. */
    public static final int HANDOVER_WINDOW = 16;

    /**
     * @param stats   this CPU's counters ({@link StatsVector})
     * @param latency allocation latency per outcome, encoded HdrHistograms of nanoseconds
     */
    public record CpuReport(int cpu, long ops, long[] stats, byte[][] latency, long errors, String firstError)
            implements WireMessage {
    }

    private enum RunSome implements Command { INSTANCE }

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

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final int cpu;
    private final Policy policy;
    private final ActorRef<TreeOwnerActor.Command> tree;
    private final ActorRef<DepotActor.Command> depot;
    private final CpuWorkload workload;
    private final Duration replyTimeout;
    private final int opsPerRun;
    private final CpuCaches caches;
    private final AllocStats stats = new AllocStats();
    private final LatencyBook latency = new LatencyBook();
    private final PendingOp op = new PendingOp();
    private final LateAnswers late;
    /** This CPU's view of the DMA layer's device flags, for its own workload's maps (free-running). */
    private final DmaLayer dma;
    private WorkOp work = new WorkOp();
    // an operation read ahead to see whether a chained free pairs with it; runs next
    private WorkOp next = new WorkOp();
    private boolean nextReady;
    private final Behavior<Command> idle;
    private final Behavior<Command> waiting;
    private Magazine spare;
    private boolean stale;
    /** An answer is awaited; set only between {@link #await} and {@link #resume}. */
    private boolean parked;
    private long opSeq;
    private long ops;
    /** This CPU's virtual time: the sum of its workload operations' gaps (6.7's depot trim runs on it). */
    private long clockNanos;
    private long errors;
    private String firstError;
    private List<ActorRef<Command>> peers;
    private boolean[] remotePeer;
    private boolean[] lostPeer;
    private int[] inFlightTo;
    private int inFlight;
    /** The run waits for handover acknowledgements: the window is full, or the workload has ended. */
    private boolean windowWait;
    private boolean ended;
    private ActorRef<CpuReport> runReply;

    private CpuActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash, int cpu,
                     Policy policy, long dma32Pfn, ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot,
                     CpuWorkload workload, EngineSettings settings) {
        this.ctx = ctx;
        this.timers = timers;
        this.stash = stash;
        this.cpu = cpu;
        this.policy = policy;
        this.tree = tree;
        this.depot = depot;
        this.workload = workload;
        this.replyTimeout = settings.askTimeout();
        this.opsPerRun = settings.opsPerRun();
        this.caches = new CpuCaches(policy.magazineSize());
        this.dma = new DmaLayer(policy, dma32Pfn, stats);
        this.late = new LateAnswers(cpu, tree);
        this.idle = Behaviors.receive(Command.class)
                .onMessage(Alloc.class, this::onAlloc)
                .onMessage(Map.class, this::onMap)
                .onMessage(Free.class, this::onFree)
                .onMessage(Unplug.class, this::onUnplug)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(Survey.class, this::onSurvey)
                .onMessage(Preload.class, this::onPreload)
                .onMessage(Start.class, this::onStart)
                .onMessage(RunSome.class, m -> runSome())
                .onMessage(Adopt.class, this::onAdopt)
                .onMessage(Handover.class, this::onHandover)
                .onMessage(HandoverAck.class, this::onHandoverAck)
                .onMessage(PeersLost.class, this::onPeersLost)
                .onMessage(Report.class, this::onReport)
                .onMessage(Stats.class, this::onStats)
                .onMessage(DeviceSwitched.class, this::onDeviceSwitched)
                .onMessage(FromDepot.class, late::fromDepot)
                .onMessage(FromTree.class, late::fromTree)
                .onMessage(Applied.class, late::applied)
                .onMessage(ReplyTimeout.class, m -> Behaviors.same())
                .build();
        this.waiting = Behaviors.receive(Command.class)
                .onMessage(FromDepot.class, this::onFromDepot)
                .onMessage(FromTree.class, this::onFromTree)
                .onMessage(Applied.class, this::onApplied)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(Survey.class, this::onSurvey)
                .onMessage(Adopt.class, this::onAdopt)
                .onMessage(Handover.class, this::onHandover)
                .onMessage(HandoverAck.class, this::onHandoverAck)
                .onMessage(PeersLost.class, this::onPeersLost)
                .onMessage(Stats.class, this::onStats)
                .onMessage(DeviceSwitched.class, this::onDeviceSwitched)
                .onMessage(ReplyTimeout.class, this::onReplyTimeout)
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    // ------------------------------------------------------------ allocation

    private Behavior<Command> onAlloc(Alloc m) {
        op.alloc(m.size(), m.limit(), m.flush());
        op.allocReply = m.replyTo();
        return attempt();
    }

    private Behavior<Command> onMap(Map m) {
        op.map(m.size(), m.limit(), m.sacLimit(), DmaLayer.DEFAULT_DEVICE);
        op.allocReply = m.replyTo();
        return attempt();
    }

    /** One alloc_iova_fast: the rcache (which may need the depot), then the tree. */
    private Behavior<Command> attempt() {
        if (!SizeClass.cached(op.sizeClass)) return askTree();
        op.outcome = Outcome.CPU_HIT;
        if (!caches.of(op.sizeClass).readyLoaded()) {
            depot.tell(new DepotActor.TakeFull(op.sizeClass, clockNanos, ++opSeq, ctx.getSelf()));
            return await();
        }
        long pfn = pop();
        return pfn != 0 ? attemptDone(pfn) : askTree();
    }

    private Behavior<Command> onFromDepot(FromDepot m) {
        if (m.op() != opSeq) return late.fromDepot(m);
        if (m.pfns().length == 0) return askTree();
        spare = caches.of(op.sizeClass).loadFromDepot(Magazine.of(policy.magazineSize(), m.pfns()));
        stats.depotExchanges++;
        op.outcome = Outcome.DEPOT_HIT;
        long pfn = pop();
        return pfn != 0 ? attemptDone(pfn) : askTree();
    }

    private long pop() {
        long pfn = caches.pop(op.sizeClass, op.rounded, op.attemptLimit, policy.topOnlyPop());
        if (pfn != 0) stats.magazineMoves++;
        return pfn;
    }

    private Behavior<Command> askTree() {
        op.outcome = Outcome.TREE;
        boolean flushOnFailure = op.attemptMayFlush || !policy.callerChoosesFlush();
        tree.tell(new TreeOwnerActor.TreeAlloc(cpu, op.rounded, op.attemptLimit, flushOnFailure, ++opSeq, ctx.getSelf()));
        return await();
    }

    private Behavior<Command> onFromTree(FromTree m) {
        if (m.op() != opSeq) return late.fromTree(m);
        stale |= m.staleCachedNode();
        return attemptDone(m.pfn());
    }

    private Behavior<Command> attemptDone(long pfn) {
        if (pfn == 0 && op.nextAttempt()) {
            // a driver's map: its DMA layer hears of the failure in the answer; our own: we clear the flag
            if (op.allocReply == null && dma.sacFailed(op.device)) tellPeersSwitched(op.device);
            return attempt();
        }
        int outcome = stats.countAlloc(op.size, pfn, op.outcome);
        latency.record(outcome, System.nanoTime() - op.startNanos);
        ops++;
        if (op.allocReply != null) {
            op.allocReply.tell(new Allocated(pfn, outcome, stale, op.sacFailed));
        } else if (pfn != 0) {
            handOver(pfn);
        }
        return resume();
    }

    /** The workload of {@code op.freeCpu} will hold the mapping and free it later. */
    private void handOver(long pfn) {
        int to = op.freeCpu;
        if (to == cpu) {
            workload.adopt(pfn, op.size);
        } else if (!remotePeer[to]) {
            peers.get(to).tell(new Adopt(pfn, op.size));
        } else if (!lostPeer[to]) {
            inFlight++;
            inFlightTo[to]++;
            peers.get(to).tell(new Handover(pfn, op.size, cpu, ctx.getSelf()));
        }
        // a mapping for a lost CPU is dropped here; the tree owner reclaims it after the run
    }

    // ------------------------------------------------------------ free and unplug

    private Behavior<Command> onFree(Free m) {
        op.free(m.size());
        op.doneReply = m.replyTo();
        return free(m.pfn());
    }

    /** free_iova_fast: into the rcache; a full pair sends the old loaded to the depot. */
    private Behavior<Command> free(long pfn) {
        stats.frees++;
        if (!SizeClass.cached(op.sizeClass)) {
            stats.freesToTree++;
            tree.tell(new TreeOwnerActor.TreeFree(pfn, ++opSeq, ctx.getSelf()));
            return await();
        }
        CpuRcache rc = caches.of(op.sizeClass);
        stats.magazineMoves++;
        if (rc.tryPush(pfn)) {
            stats.freesToMagazine++;
            return completed();
        }
        Magazine full = rc.pushIntoFresh(takeSpare(), pfn);
        stats.depotExchanges++;
        long[] pfns = full.toArray();
        full.clear();
        spare = full;
        depot.tell(new DepotActor.PutFull(op.sizeClass, pfns, clockNanos, ++opSeq, ctx.getSelf()));
        return await();
    }

    private Magazine takeSpare() {
        Magazine m = spare;
        spare = null;
        return m != null ? m : new Magazine(policy.magazineSize());
    }

    private Behavior<Command> onUnplug(Unplug m) {
        op.unplug();
        op.doneReply = m.replyTo();
        stats.cpuUnplugs++;
        long[] pfns = MagazineCopies.drain(caches);
        stats.unplugPfns += pfns.length;
        tree.tell(new TreeOwnerActor.FreeBatch(pfns, TO_TREE, ++opSeq, ctx.getSelf()));
        return await();
    }

    private Behavior<Command> onApplied(Applied m) {
        if (m.op() != opSeq) return late.applied(m);
        stale |= m.staleCachedNode();
        if (m.path() == TO_DEPOT) {
            stats.freesToDepot++;
        } else if (m.path() == DEPOT_OVERFLOW) {
            stats.depotOverflows++;
            stats.freesToTree++;
        }
        return completed();
    }

    private Behavior<Command> completed() {
        ops++;
        if (op.doneReply != null) op.doneReply.tell(new Completed(stale));
        return resume();
    }

    // ------------------------------------------------------------ served in any state

    private Behavior<Command> onFlush(Flush m) {
        m.replyTo().tell(new TreeOwnerActor.Flushed(cpu, m.round(), MagazineCopies.drain(caches)));
        return Behaviors.same();
    }

    private Behavior<Command> onSurvey(Survey m) {
        PfnList held = new PfnList();
        if (workload != null) workload.forEachHeldPfn(held);
        m.replyTo().tell(new TreeOwnerActor.CpuHoldings(cpu, MagazineCopies.copy(caches), held.toArray()));
        return Behaviors.same();
    }

    private Behavior<Command> onDeviceSwitched(DeviceSwitched m) {
        dma.switchedElsewhere(m.device());
        return Behaviors.same();
    }

    /** Every other CPU's view follows this one's cleared flag: a store the other CPUs see a moment later. */
    private void tellPeersSwitched(int device) {
        for (int c = 0; c < peers.size(); c++) {
            if (c != cpu && !lostPeer[c]) peers.get(c).tell(new DeviceSwitched(device));
        }
    }

    private Behavior<Command> onAdopt(Adopt m) {
        workload.adopt(m.pfn(), m.size());
        return Behaviors.same();
    }

    private Behavior<Command> onHandover(Handover m) {
        workload.adopt(m.pfn(), m.size());
        m.ackTo().tell(new HandoverAck(cpu));
        return Behaviors.same();
    }

    private Behavior<Command> onHandoverAck(HandoverAck m) {
        if (inFlightTo[m.to()] == 0) return Behaviors.same();
        inFlightTo[m.to()]--;
        inFlight--;
        return windowMoved();
    }

    private Behavior<Command> onPeersLost(PeersLost m) {
        if (peers == null) return Behaviors.same();
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            lostPeer[c] = true;
            inFlight -= inFlightTo[c];
            inFlightTo[c] = 0;
        }
        return windowMoved();
    }

    /** Resumes a run that waited for acknowledgements, once the window has room again. */
    private Behavior<Command> windowMoved() {
        if (!windowWait || inFlight >= HANDOVER_WINDOW) return Behaviors.same();
        windowWait = false;
        if (runReply != null) ctx.getSelf().tell(RunSome.INSTANCE);
        return Behaviors.same();
    }

    private Behavior<Command> onPreload(Preload m) {
        MagazineCopies.preload(caches, m.pfns(), m.perMagazine());
        m.replyTo().tell(new TreeOwnerActor.Preloaded(cpu));
        return Behaviors.same();
    }

    private Behavior<Command> onReport(Report m) {
        m.replyTo().tell(report());
        return Behaviors.same();
    }

    private Behavior<Command> onStats(Stats m) {
        m.replyTo().tell(new CpuStats(cpu, StatsVector.encode(stats), latency.encode()));
        return Behaviors.same();
    }

    private CpuReport report() {
        return new CpuReport(cpu, ops, StatsVector.encode(stats), latency.encode(), errors, firstError);
    }

    // ------------------------------------------------------------ free-running

    private Behavior<Command> onStart(Start m) {
        peers = m.peers();
        runReply = m.replyTo();
        remotePeer = new boolean[peers.size()];
        for (int c = 0; c < peers.size(); c++) remotePeer[c] = peers.get(c).path().address().hasGlobalScope();
        lostPeer = new boolean[peers.size()];
        inFlightTo = new int[peers.size()];
        return runSome();
    }

    /** Up to opsPerRun workload operations; hits finish inline, a miss parks the run until its answer. */
    private Behavior<Command> runSome() {
        for (int n = 0; n < opsPerRun; n++) {
            if (inFlight >= HANDOVER_WINDOW) {
                windowWait = true;
                return idle;
            }
            if (nextReady) {
                WorkOp t = work;
                work = next;
                next = t;
                nextReady = false;
            } else if (ended || !workload.next(work)) {
                ended = true;
                if (inFlight > 0) {
                    // the end is reported once every handover has arrived: the survey must find them
                    windowWait = true;
                    return idle;
                }
                runReply.tell(report());
                runReply = null;
                return idle;
            }
            RunProgress.started();
            Behavior<Command> next = runOne();
            if (next == waiting) return waiting;
        }
        ctx.getSelf().tell(RunSome.INSTANCE);
        return idle;
    }

    private Behavior<Command> runOne() {
        clockNanos += work.gapNanos;
        switch (work.kind) {
            case WorkOp.ALLOC -> op.alloc(work.size, work.limit, work.flush);
            case WorkOp.MAP -> op.map(work.size, work.limit, dma.sacAttempt(work.device, work.limit), work.device);
            case WorkOp.FREE -> {
                if (work.chained && freesToTree(work.size) && workload.next(next)) {
                    if (next.kind == WorkOp.ALLOC && !SizeClass.cached(SizeClass.of(SizeClass.round(next.size)))) {
                        return freeThenAlloc(work.pfn, work.size);
                    }
                    nextReady = true;
                }
                op.free(work.size);
                return free(work.pfn);
            }
            default -> throw new IllegalStateException("cpu " + cpu + ": unknown workload op kind " + work.kind);
        }
        op.freeCpu = work.freeCpu;
        return attempt();
    }

    private static boolean freesToTree(long size) {
        return !SizeClass.cached(SizeClass.of(size));
    }

    /**
     * A chained pair, an uncached free and the uncached allocation right after it, goes to the
     * tree owner as one request, so no other CPU's allocation can take the freed range in
     * between (the reference engine runs the pair back to back for the same reason).
     */
    private Behavior<Command> freeThenAlloc(long pfn, long size) {
        op.free(size);
        stats.frees++;
        stats.freesToTree++;
        ops++;
        RunProgress.started();
        clockNanos += next.gapNanos;
        op.alloc(next.size, next.limit, next.flush);
        op.freeCpu = next.freeCpu;
        op.outcome = Outcome.TREE;
        boolean flushOnFailure = op.attemptMayFlush || !policy.callerChoosesFlush();
        tree.tell(new TreeOwnerActor.TreeFreeAlloc(pfn,
                new TreeOwnerActor.TreeAlloc(cpu, op.rounded, op.attemptLimit, flushOnFailure, ++opSeq, ctx.getSelf())));
        return await();
    }

    // ------------------------------------------------------------ waiting

    /** Waits for the answer to the request just sent, tagged {@code opSeq}. */
    private Behavior<Command> await() {
        parked = true;
        timers.startSingleTimer(ReplyTimeout.class, new ReplyTimeout(opSeq), replyTimeout);
        return waiting;
    }

    /** The operation is complete: take the next one (stashed, or the workload's). */
    private Behavior<Command> resume() {
        if (!parked) return idle;
        parked = false;
        timers.cancel(ReplyTimeout.class);
        if (runReply != null) ctx.getSelf().tell(RunSome.INSTANCE);
        return stash.isEmpty() ? idle : stash.unstashAll(idle);
    }

    private Behavior<Command> onReplyTimeout(ReplyTimeout m) {
        if (m.op() != opSeq) return Behaviors.same();
        error("cpu " + cpu + ": no answer within " + replyTimeout.toMillis() + " ms; the operation counts as failed");
        return op.isAllocation() ? attemptDoneWithoutRetry() : completed();
    }

    private Behavior<Command> attemptDoneWithoutRetry() {
        op.sacPending = false;
        return attemptDone(0);
    }

    private void error(String message) {
        errors++;
        if (firstError == null) firstError = message;
    }
}
