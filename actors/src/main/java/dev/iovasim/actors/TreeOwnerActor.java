package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.FlushAccount;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * Owns the {@link IovaDomain}: being the only one to touch it makes this actor the rbtree lock.
 * It allocates, frees and reserves, and coordinates a flush: fan Flush out to every CPU actor
 * (and the depot when the policy drains it), gather the answers, free them to the tree in CPU
 * order 0..N-1 then the depot's (the order of removals moves the cached nodes, hence decides later
 * pfns), retry the allocation once and answer. One flush at a time: requests that arrive meanwhile
 * wait in the stash and run after it, as they would after the kernel's flush under the tree lock.
 */
public final class TreeOwnerActor {

    public interface Command extends WireMessage {
    }

    /**
     * Wires the actors that exist only after this one; requests before it wait.
     *
     * @param nodes per-node fan-out: one flusher per cpu node (it answers {@link NodeFlushed}
     *              for its CPUs) and the node's first CPU; empty for the direct fan-out
     */
    public record Attach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<DepotActor.Command> depot, List<NodeFlusher> nodes)
            implements Command {
        public Attach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<DepotActor.Command> depot) {
            this(cpus, depot, List.of());
        }
    }

    /** A cpu node's flusher and the CPUs [first, first + count) it speaks for. */
    public record NodeFlusher(ActorRef<CpuActor.Command> flusher, int first, int count) {
    }

    /**
     * A cpu node's answer to a per-node flush: its CPUs' pfns one after another in CPU order,
     * {@code counts[i]} of them for CPU {@code first + i}, each in the order a CPU's own answer has.
     */
    public record NodeFlushed(long round, int first, int[] counts, long[] pfns) implements Command, FanOutMessage {
    }

    /** The CPUs [first, first + count) are gone with their node: hot-unplugged. Served in any state. */
    public record CpusLost(int first, int count) implements Command {
    }

    /**
     * A tree allocation of a rounded {@code size}; when it fails and {@code flushOnFailure}, flush and
     * retry once. {@code op}, here and in the frees, is the CPU's request tag, echoed in the answer.
     */
    public record TreeAlloc(int cpu, long size, long limit, boolean flushOnFailure, long op,
                            ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /**
     * free_iova then, under the same tree lock, the allocation that follows it: a workload's
     * chained pair (a driver that re-maps a long-lived buffer at once). Answered as the alloc.
     */
    public record TreeFreeAlloc(long freePfn, TreeAlloc alloc) implements Command {
    }

    /** free_iova of an uncached size; answered with {@link CpuActor.Applied}. */
    public record TreeFree(long pfn, long op, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** pfns back to the tree in index order: a refused depot magazine, or an unplugged CPU's magazines. */
    public record FreeBatch(long[] pfns, int path, long op, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** 6.7's delayed trim took the depot's newest magazine: its pfns, in index order, go to the tree. */
    public record Trimmed(long[] pfns) implements Command {
    }

    /** An answer that came after the CPU's request timed out: its pfns, back to the tree. Served in any state. */
    public record LateReturn(int cpu, long[] pfns) implements Command {
    }

    public record Reserve(long lo, long hi, ActorRef<Reserved> replyTo) implements Command {
    }

    public record Reserved(boolean ok) implements WireMessage {
    }

    /** A CPU's answer to a flush: its magazines' pfns, class 0..5, loaded then prev, index order. */
    public record Flushed(int cpu, long round, long[] pfns) implements Command, FanOutMessage {
    }

    public record DepotDrained(long round, long[] pfns) implements Command {
    }

    /** The conservation check; {@code held} is what the caller side (a trace driver) holds. */
    public record Check(long[] held, ActorRef<Checked> replyTo) implements Command {
    }

    /** @param reclaimed ranges taken back from lost CPUs before the check (nobody surviving held them) */
    public record Checked(boolean ok, long liveRanges, String problem, long reclaimed) implements WireMessage {
    }

    public record CpuHoldings(int cpu, long[] cached, long[] held) implements Command {
    }

    public record DepotHoldings(long[] pfns) implements Command {
    }

    public record Report(ActorRef<TreeReport> replyTo) implements Command {
    }

    /**
     * What the tree owner counted, by kind.
     *
     * @param stats          the tree owner's counters ({@link AllocStats#toVector()}): flushes and what they returned
     * @param flush          the flushes it coordinated, summed, with their cost
     * @param tree           its domain's work and size
     * @param errors         answers that did not come in time
     * @param firstError     the first of them, or null
     * @param depotMagazines full magazines per size class in the depot, or null if it did not answer in time
     */
    public record TreeReport(long[] stats, FlushFigures flush, TreeWork tree, long errors, String firstError,
                             int[] depotMagazines) implements WireMessage {
    }

    /**
     * Every flush of a run summed, as the tree owner's {@link FlushLog} kept them.
     *
     * @param fanoutBytes  bytes the fan-out put on a network: 0 in one JVM
     * @param latency      encoded HdrHistogram of flush wall latency in nanoseconds
     * @param pfnsPerFlush how many flushes returned each number of ranges: value, count pairs, ascending
     */
    public record FlushFigures(long flushes, long cpusContacted, long messagesSent, long messagesReceived,
                               long fanoutBytes, long pfns, long useful, long retrySucceeded, byte[] latency,
                               long[] pfnsPerFlush) implements WireMessage {
        /** {@link #latency} decoded. */
        public AbstractHistogram latencyNanos() {
            return LatencyBook.decode(latency);
        }

        /** Flush requests sent plus answers received. */
        public long messages() {
            return messagesSent + messagesReceived;
        }
    }

    /** What the tree owner's domain counted: the kernel's search walk, inserts, erases, nodes at the end. */
    public record TreeWork(long nodesVisited, long inserts, long erases, int nodes) implements WireMessage {
    }

    /** A report whose depot sizes have come (null if they did not). */
    private record ReportDue(ActorRef<TreeReport> replyTo, int[] depotMagazines) implements Command {
    }

    public record StaleQuery(ActorRef<StaleNode> replyTo) implements Command {
    }

    public record StaleNode(boolean present, long lo, long hi) implements WireMessage {
    }

    /** flushbench: allocate {@code perMagazine} pfns for each of every CPU's 12 magazines and send them. */
    public record BenchRefill(int perMagazine, ActorRef<Refilled> replyTo) implements Command {
    }

    public record Refilled(long pfns) implements WireMessage {
    }

    /** A CPU has taken its flushbench magazines. */
    public record Preloaded(int cpu) implements Command {
    }

    /** flushbench: one flush with no allocation around it. */
    public record BenchFlush(ActorRef<BenchRound> replyTo) implements Command {
    }

    /** @param gatherNanos fan-out until the last answer; @param flushNanos until every pfn is back in the tree */
    public record BenchRound(long gatherNanos, long flushNanos, long messages, long bytes, long pfns) implements WireMessage {
    }

    /** The gather clock's tick ({@link Gather#tick}): one periodic timer, none to start or cancel per flush. */
    private enum GatherTimeout implements Command { TICK }

    public static Behavior<Command> create(Policy policy, IovaDomain domain, EngineSettings settings) {
        return create(policy, domain, settings, () -> 0);
    }

    /** @param wireBytes fan-out bytes serialized and deserialized in this JVM so far: a flush's cost is its growth */
    public static Behavior<Command> create(Policy policy, IovaDomain domain, EngineSettings settings, LongSupplier wireBytes) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH,
                stash -> new TreeOwnerActor(ctx, timers, stash, policy, domain, settings, wireBytes).detached)));
    }

    /** At most one request per CPU waits here (a CPU waits for its answer), plus drivers' requests. */
    private static final int STASH = 1 << 20;
    static final long BENCH_LIMIT = (1L << 36) - 1;

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final Policy policy;
    private final IovaDomain domain;
    private final Duration gatherTimeout;
    private final FlushAccount account;
    private final AllocStats stats = new AllocStats();
    private final FlushLog log = new FlushLog();
    private final StrayAnswers strays;
    private final Behavior<Command> detached;
    private final Behavior<Command> ready;
    private final Behavior<Command> flushing;
    private final Behavior<Command> surveying;
    private final LongSupplier wireBytes;
    private List<ActorRef<CpuActor.Command>> cpus;
    private List<NodeFlusher> nodes;
    private boolean[] lost;
    private long reclaimed;
    private long flushBytesAtStart;
    private ActorRef<DepotActor.Command> depot;
    private long round;
    /** The fan-out in progress, or null; always {@link #gathers}, begun anew for each. */
    private Gather gather;
    private Gather gathers;
    private TreeAlloc failing;
    private ActorRef<BenchRound> benchReply;
    private ActorRef<Refilled> refillReply;
    private long refilledPfns;
    private int preloadsDue;
    private Check checking;
    private long errors;
    private String firstError;

    private TreeOwnerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash,
                           Policy policy, IovaDomain domain, EngineSettings settings, LongSupplier wireBytes) {
        this.ctx = ctx;
        this.timers = timers;
        this.stash = stash;
        this.policy = policy;
        this.domain = domain;
        this.gatherTimeout = settings.askTimeout();
        this.account = new FlushAccount(domain);
        this.strays = new StrayAnswers(domain, this::error);
        this.wireBytes = wireBytes;
        this.detached = Behaviors.receive(Command.class)
                .onMessage(Attach.class, this::onAttach)
                .onAnyMessage(this::stashed)
                .build();
        this.ready = Behaviors.receive(Command.class)
                .onMessage(TreeAlloc.class, this::onTreeAlloc)
                .onMessage(TreeFree.class, this::onTreeFree)
                .onMessage(TreeFreeAlloc.class, this::onTreeFreeAlloc)
                .onMessage(FreeBatch.class, this::onFreeBatch)
                .onMessage(Trimmed.class, this::onTrimmed)
                .onMessage(LateReturn.class, strays::lateReturn)
                .onMessage(Reserve.class, this::onReserve)
                .onMessage(Check.class, this::onCheck)
                .onMessage(Report.class, this::onReport)
                .onMessage(ReportDue.class, this::answerReport)
                .onMessage(StaleQuery.class, this::onStaleQuery)
                .onMessage(BenchRefill.class, this::onBenchRefill)
                .onMessage(BenchFlush.class, this::onBenchFlush)
                .onMessage(Preloaded.class, this::onPreloaded)
                .onMessage(Flushed.class, strays::flushed)
                .onMessage(NodeFlushed.class, strays::nodeFlushed)
                .onMessage(DepotDrained.class, strays::drained)
                .onMessage(CpusLost.class, this::onCpusLost)
                .onMessage(CpuHoldings.class, m -> stray("a CPU survey answer"))
                .onMessage(DepotHoldings.class, m -> stray("a depot survey answer"))
                .onMessage(GatherTimeout.class, m -> Behaviors.same())
                .build();
        this.flushing = Behaviors.receive(Command.class)
                .onMessage(Flushed.class, this::onFlushed)
                .onMessage(NodeFlushed.class, this::onNodeFlushed)
                .onMessage(DepotDrained.class, this::onDepotDrained)
                .onMessage(CpusLost.class, this::onCpusLost)
                .onMessage(GatherTimeout.class, this::onFlushTimeout)
                // the trim job takes the tree lock between the flush's steps in the kernel too
                .onMessage(Trimmed.class, this::onTrimmed)
                .onMessage(LateReturn.class, strays::lateReturn)
                .onAnyMessage(this::stashed)
                .build();
        this.surveying = Behaviors.receive(Command.class)
                .onMessage(CpuHoldings.class, this::onCpuHoldings)
                .onMessage(DepotHoldings.class, this::onDepotHoldings)
                .onMessage(CpusLost.class, this::onCpusLost)
                .onMessage(GatherTimeout.class, this::onSurveyTimeout)
                .onMessage(Trimmed.class, this::onTrimmedWhileSurveying)
                // no holding has these pfns whenever they come: to the tree at once, or the check would miss them
                .onMessage(LateReturn.class, strays::lateReturn)
                .onMessage(Flushed.class, strays::flushed)
                .onMessage(NodeFlushed.class, strays::nodeFlushed)
                .onMessage(DepotDrained.class, strays::drained)
                .onAnyMessage(this::stashed)
                .build();
    }

    private Behavior<Command> stashed(Command m) {
        stash.stash(m);
        return Behaviors.same();
    }

    private Behavior<Command> onAttach(Attach m) {
        cpus = List.copyOf(m.cpus());
        depot = m.depot();
        nodes = List.copyOf(m.nodes());
        lost = new boolean[cpus.size()];
        gathers = new Gather(cpus.size());
        timers.startTimerWithFixedDelay(GatherTimeout.TICK, gatherTimeout.dividedBy(Gather.TICKS_PER_TIMEOUT));
        return stash.unstashAll(ready);
    }

    private boolean stale() {
        return domain.staleCachedNode() != null;
    }

    // ------------------------------------------------------------ the tree

    private Behavior<Command> onTreeAlloc(TreeAlloc m) {
        long start = System.nanoTime();
        long pfn = domain.alloc(m.size(), m.limit());
        if (pfn != 0 || !m.flushOnFailure()) {
            m.replyTo().tell(new CpuActor.FromTree(pfn, stale(), m.op()));
            return Behaviors.same();
        }
        failing = m;
        return startFlush(m.cpu(), m.size(), m.limit(), start);
    }

    private Behavior<Command> onTreeFree(TreeFree m) {
        domain.free(m.pfn());
        m.replyTo().tell(new CpuActor.Applied(CpuActor.TO_TREE, stale(), m.op()));
        return Behaviors.same();
    }

    private Behavior<Command> onTreeFreeAlloc(TreeFreeAlloc m) {
        domain.free(m.freePfn());
        return onTreeAlloc(m.alloc());
    }

    private Behavior<Command> onFreeBatch(FreeBatch m) {
        for (long pfn : m.pfns()) domain.free(pfn);
        m.replyTo().tell(new CpuActor.Applied(m.path(), stale(), m.op()));
        return Behaviors.same();
    }

    private Behavior<Command> onTrimmed(Trimmed m) {
        stats.inc(Counter.TRIMS);
        stats.add(Counter.TRIMMED_PFNS, m.pfns().length);
        for (long pfn : m.pfns()) domain.free(pfn);
        return Behaviors.same();
    }

    private Behavior<Command> onReserve(Reserve m) {
        m.replyTo().tell(new Reserved(domain.reserve(m.lo(), m.hi())));
        return Behaviors.same();
    }

    private Behavior<Command> onStaleQuery(StaleQuery m) {
        IovaDomain.StaleCachedNode s = domain.staleCachedNode();
        m.replyTo().tell(s == null ? new StaleNode(false, 0, 0) : new StaleNode(true, s.lo(), s.hi()));
        return Behaviors.same();
    }

    // ------------------------------------------------------------ the flush

    private Behavior<Command> startFlush(int cpu, long size, long limit, long startNanos) {
        stats.inc(Counter.FLUSHES);
        account.begin(cpu, size, limit);
        flushBytesAtStart = wireBytes.getAsLong();
        gather = newGather(policy.flushDrainsDepot(), startNanos);
        fanOut(new CpuActor.Flush(round, ctx.getSelf()));
        if (gather.wantsDepot()) {
            gather.requested();
            depot.tell(new DepotActor.Drain(round, ctx.getSelf()));
        }
        return flushing;
    }

    private Gather newGather(boolean wantsDepot, long startNanos) {
        Gather g = gathers.begin(++round, wantsDepot, startNanos);
        for (int c = 0; c < lost.length; c++) {
            if (lost[c]) g.lost(c);
        }
        return g;
    }

    /** One Flush to every surviving CPU actor, or one to each node's flusher that still has CPUs. */
    private void fanOut(CpuActor.Flush flush) {
        if (nodes.isEmpty()) {
            for (int c = 0; c < cpus.size(); c++) {
                if (lost[c]) continue;
                gather.requested();
                cpus.get(c).tell(flush);
            }
            return;
        }
        for (NodeFlusher n : nodes) {
            if (lost[n.first()]) continue;
            gather.requested();
            n.flusher().tell(flush);
        }
    }

    private Behavior<Command> onFlushed(Flushed m) {
        if (m.round() != gather.round || !gather.cpu(m.cpu(), m.pfns(), null)) return strays.flushed(m);
        gather.answered();
        return gather.complete() ? finishFlush() : Behaviors.same();
    }

    private Behavior<Command> onNodeFlushed(NodeFlushed m) {
        if (m.round() != gather.round) return strays.nodeFlushed(m);
        gather.answered();
        int at = 0;
        for (int i = 0; i < m.counts().length; i++) {
            long[] pfns = java.util.Arrays.copyOfRange(m.pfns(), at, at + m.counts()[i]);
            at += m.counts()[i];
            if (!gather.cpu(m.first() + i, pfns, null)) {
                error("cpu " + (m.first() + i) + " answered flush " + m.round() + " twice; its pfns go back to the tree");
                strays.free(pfns);
            }
        }
        return gather.complete() ? finishFlush() : Behaviors.same();
    }

    /** Marks the CPUs unplugged; a gather in progress stops waiting for them. */
    private Behavior<Command> onCpusLost(CpusLost m) {
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            lost[c] = true;
            if (gather != null) gather.lost(c);
        }
        if (gather == null || !gather.complete()) return Behaviors.same();
        return checking != null ? finishCheck() : finishFlush();
    }

    private Behavior<Command> onDepotDrained(DepotDrained m) {
        if (m.round() != gather.round) return strays.drained(m);
        gather.depot(m.pfns());
        gather.answered();
        return gather.complete() ? finishFlush() : Behaviors.same();
    }

    private Behavior<Command> onFlushTimeout(GatherTimeout m) {
        if (!gather.tick()) return Behaviors.same();
        error("flush " + gather.round + ": " + gather.cpusIn() + " of " + gather.cpus() + " CPUs answered within "
                + gatherTimeout.toMillis() + " ms; going on without the others");
        return finishFlush();
    }

    /** Frees what came back in the kernel's order, then retries the allocation that failed. */
    private Behavior<Command> finishFlush() {
        long gathered = System.nanoTime();
        for (int c = 0; c < gather.cpus(); c++) {
            long[] pfns = gather.cached(c);
            if (pfns == null || lost[c]) continue;
            account.visitedCpu();
            account.acceptAll(pfns);
        }
        if (gather.depot() != null) account.acceptAll(gather.depot());
        stats.add(Counter.FLUSH_CPU_VISITS, account.cpusVisited());
        stats.add(Counter.FLUSHED_PFNS, account.pfns());
        stats.add(Counter.FLUSHED_USEFUL, account.useful());
        long bytes = wireBytes.getAsLong() - flushBytesAtStart;
        if (failing != null) {
            answerRetry(bytes);
        } else {
            long done = System.nanoTime();
            benchReply.tell(new BenchRound(gathered - gather.startNanos, done - gather.startNanos,
                    gather.messagesSent() + gather.messagesReceived(), bytes, account.pfns()));
            benchReply = null;
        }
        gather.release();
        gather = null;
        return stash.unstashAll(ready);
    }

    private void answerRetry(long bytes) {
        TreeAlloc m = failing;
        failing = null;
        long pfn = domain.alloc(m.size(), m.limit());
        stats.add(Counter.FLUSH_RETRY_SUCCEEDED, pfn != 0 ? 1 : 0);
        m.replyTo().tell(new CpuActor.FromTree(pfn, stale(), m.op()));
        log.record(account.finish(pfn != 0), gather, System.nanoTime() - gather.startNanos, bytes);
    }

    // ------------------------------------------------------------ the conservation check

    private Behavior<Command> onCheck(Check m) {
        checking = m;
        gather = newGather(true, System.nanoTime());
        for (int c = 0; c < cpus.size(); c++) {
            if (!lost[c]) cpus.get(c).tell(new CpuActor.Survey(ctx.getSelf()));
        }
        depot.tell(new DepotActor.Survey(ctx.getSelf()));
        return surveying;
    }

    private Behavior<Command> onCpuHoldings(CpuHoldings m) {
        if (!gather.cpu(m.cpu(), m.cached(), m.held())) return stray("a second survey answer from cpu " + m.cpu());
        return gather.complete() ? finishCheck() : Behaviors.same();
    }

    private Behavior<Command> onDepotHoldings(DepotHoldings m) {
        gather.depot(m.pfns());
        return gather.complete() ? finishCheck() : Behaviors.same();
    }

    /**
     * The depot answers in order: a magazine trimmed before its survey answer is in no holding and
     * belongs in the tree now; one trimmed after it is in the holdings, and waits for the check.
     */
    private Behavior<Command> onTrimmedWhileSurveying(Trimmed m) {
        return gather.depotIn() ? stashed(m) : onTrimmed(m);
    }

    private Behavior<Command> onSurveyTimeout(GatherTimeout m) {
        if (!gather.tick()) return Behaviors.same();
        checking.replyTo().tell(new Checked(false, 0, "conservation survey: " + gather.cpusIn() + " of "
                + gather.cpus() + " CPUs answered within " + gatherTimeout.toMillis() + " ms", reclaimed));
        checking = null;
        gather.release();
        gather = null;
        return stash.unstashAll(ready);
    }

    private Behavior<Command> finishCheck() {
        Gather g = gather;
        long[] driverHeld = checking.held();
        if (anyLost()) reclaimed += Reclaim.unheld(domain, driverHeld, g);
        Conservation.Result r = Conservation.check(domain, sink -> {
            for (long pfn : driverHeld) sink.accept(pfn);
            for (int c = 0; c < g.cpus(); c++) {
                for (long pfn : g.held(c)) sink.accept(pfn);
            }
        }, places -> {
            for (int c = 0; c < g.cpus(); c++) {
                places.accept(new Conservation.Place("cpu " + c + "'s magazines", asMagazine(g.cached(c))));
            }
            places.accept(new Conservation.Place("the depot", asMagazine(g.depot())));
        });
        checking.replyTo().tell(new Checked(r.ok(), r.liveRanges(), r.problem(), reclaimed));
        checking = null;
        gather.release();
        gather = null;
        return stash.unstashAll(ready);
    }

    private boolean anyLost() {
        for (boolean l : lost) {
            if (l) return true;
        }
        return false;
    }

    private static Magazine asMagazine(long[] pfns) {
        return Magazine.of(pfns.length, pfns);
    }

    // ------------------------------------------------------------ reports and flushbench

    /** The depot's sizes are asked first, so the report and the depot gauge come together. */
    private Behavior<Command> onReport(Report m) {
        ctx.ask(DepotActor.DepotSizes.class, depot, gatherTimeout, DepotActor.Sizes::new,
                (sizes, failure) -> new ReportDue(m.replyTo(), sizes == null ? null : sizes.magazines()));
        return Behaviors.same();
    }

    private Behavior<Command> answerReport(ReportDue m) {
        m.replyTo().tell(new TreeReport(stats.toVector(), log.figures(),
                new TreeWork(domain.nodesVisited(), domain.inserts(), domain.erases(), domain.nodeCount()),
                errors, firstError, m.depotMagazines()));
        return Behaviors.same();
    }

    private Behavior<Command> onBenchRefill(BenchRefill m) {
        long total = 0;
        for (ActorRef<CpuActor.Command> c : cpus) {
            long[] pfns = MagazineCopies.preloadPfns(domain, m.perMagazine(), BENCH_LIMIT);
            total += pfns.length;
            c.tell(new CpuActor.Preload(pfns, m.perMagazine(), ctx.getSelf()));
        }
        refillReply = m.replyTo();
        refilledPfns = total;
        preloadsDue = cpus.size();
        return Behaviors.same();
    }

    /** The refill is answered once every CPU holds its magazines, so no round times a refill. */
    private Behavior<Command> onPreloaded(Preloaded m) {
        if (--preloadsDue == 0) {
            refillReply.tell(new Refilled(refilledPfns));
            refillReply = null;
        }
        return Behaviors.same();
    }

    private Behavior<Command> onBenchFlush(BenchFlush m) {
        benchReply = m.replyTo();
        return startFlush(-1, 1, BENCH_LIMIT, System.nanoTime());
    }

    private Behavior<Command> stray(String what) {
        error("tree owner: " + what + " arrived with no survey waiting for it");
        return Behaviors.same();
    }

    private void error(String message) {
        errors++;
        if (firstError == null) firstError = message;
    }
}
