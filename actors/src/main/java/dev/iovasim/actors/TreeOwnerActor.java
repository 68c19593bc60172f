package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.FlushAccount;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import java.time.Duration;
import java.util.List;

/**
 * Owns the {@link IovaDomain}: being the only one to touch it makes this actor the rbtree lock.
 * It allocates, frees and reserves, and coordinates a flush: fan Flush out to every CPU actor
 * (and the depot when the policy drains it), gather the answers, free them to the tree in CPU
 * order 0..N-1 then the depot's (the order of removals moves the cached nodes, hence decides later
 * pfns), retry the allocation once and answer. One flush at a time: requests that arrive meanwhile
 * wait in the stash and run after it, as they would after the kernel's flush under the tree lock.
 */
public final class TreeOwnerActor {

    public interface Command {
    }

    /** Wires the actors that exist only after this one; requests before it wait. */
    public record Attach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<DepotActor.Command> depot) implements Command {
    }

    /** A tree allocation of a rounded {@code size}; when it fails and {@code flushOnFailure}, flush and retry once. */
    public record TreeAlloc(int cpu, long size, long limit, boolean flushOnFailure, ActorRef<CpuActor.Command> replyTo)
            implements Command {
    }

    /**
     * free_iova then, under the same tree lock, the allocation that follows it: a workload's
     * chained pair (a driver that re-maps a long-lived buffer at once). Answered as the alloc.
     */
    public record TreeFreeAlloc(long freePfn, TreeAlloc alloc) implements Command {
    }

    /** free_iova of an uncached size; answered with {@link CpuActor.Applied}. */
    public record TreeFree(long pfn, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** pfns back to the tree in index order: a refused depot magazine, or an unplugged CPU's magazines. */
    public record FreeBatch(long[] pfns, int path, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    public record Reserve(long lo, long hi, ActorRef<Reserved> replyTo) implements Command {
    }

    public record Reserved(boolean ok) {
    }

    /** A CPU's answer to a flush: its magazines' pfns, class 0..5, loaded then prev, index order. */
    public record Flushed(int cpu, long round, long[] pfns) implements Command {
    }

    public record DepotDrained(long round, long[] pfns) implements Command {
    }

    /** The conservation check; {@code held} is what the caller side (a trace driver) holds. */
    public record Check(long[] held, ActorRef<Checked> replyTo) implements Command {
    }

    public record Checked(boolean ok, long liveRanges, String problem) {
    }

    public record CpuHoldings(int cpu, long[] cached, long[] held) implements Command {
    }

    public record DepotHoldings(long[] pfns) implements Command {
    }

    public record Report(ActorRef<TreeReport> replyTo) implements Command {
    }

    /**
     * @param stats        the tree owner's counters ({@link StatsVector}): flushes and what they returned
     * @param flushLatency compressed HdrHistogram of flush wall latency in nanoseconds
     * @param fanoutBytes  bytes the fan-out put on a network: 0 in one JVM
     */
    public record TreeReport(long[] stats, long flushes, long cpusContacted, long messagesSent, long messagesReceived,
                             long fanoutBytes, long pfns, long useful, long retrySucceeded, byte[] flushLatency,
                             long errors, String firstError, long treeNodesVisited, long treeInserts, long treeErases,
                             int treeNodes) {
    }

    public record StaleQuery(ActorRef<StaleNode> replyTo) implements Command {
    }

    public record StaleNode(boolean present, long lo, long hi) {
    }

    /** flushbench: allocate {@code perMagazine} pfns for each of every CPU's 12 magazines and send them. */
    public record BenchRefill(int perMagazine, ActorRef<Refilled> replyTo) implements Command {
    }

    public record Refilled(long pfns) {
    }

    /** A CPU has taken its flushbench magazines. */
    public record Preloaded(int cpu) implements Command {
    }

    /** flushbench: one flush with no allocation around it. */
    public record BenchFlush(ActorRef<BenchRound> replyTo) implements Command {
    }

    /** @param gatherNanos fan-out until the last answer; @param flushNanos until every pfn is back in the tree */
    public record BenchRound(long gatherNanos, long flushNanos, long messages, long pfns) {
    }

    private record GatherTimeout(long round) implements Command {
    }

    public static Behavior<Command> create(Policy policy, IovaDomain domain, EngineSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH,
                stash -> new TreeOwnerActor(ctx, timers, stash, policy, domain, settings).detached)));
    }

    /** At most one request per CPU waits here (a CPU waits for its answer), plus drivers' requests. */
    private static final int STASH = 1 << 20;
    private static final long BENCH_LIMIT = (1L << 36) - 1;

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final Policy policy;
    private final IovaDomain domain;
    private final Duration gatherTimeout;
    private final FlushAccount account;
    private final AllocStats stats = new AllocStats();
    private final FlushLog log = new FlushLog();
    private final Behavior<Command> detached;
    private final Behavior<Command> ready;
    private final Behavior<Command> flushing;
    private final Behavior<Command> surveying;
    private List<ActorRef<CpuActor.Command>> cpus;
    private ActorRef<DepotActor.Command> depot;
    private long round;
    private Gather gather;
    private TreeAlloc failing;
    private ActorRef<BenchRound> benchReply;
    private ActorRef<Refilled> refillReply;
    private long refilledPfns;
    private int preloadsDue;
    private Check checking;
    private long errors;
    private String firstError;

    private TreeOwnerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash,
                           Policy policy, IovaDomain domain, EngineSettings settings) {
        this.ctx = ctx;
        this.timers = timers;
        this.stash = stash;
        this.policy = policy;
        this.domain = domain;
        this.gatherTimeout = settings.askTimeout();
        this.account = new FlushAccount(domain);
        this.detached = Behaviors.receive(Command.class)
                .onMessage(Attach.class, this::onAttach)
                .onAnyMessage(this::stashed)
                .build();
        this.ready = Behaviors.receive(Command.class)
                .onMessage(TreeAlloc.class, this::onTreeAlloc)
                .onMessage(TreeFree.class, this::onTreeFree)
                .onMessage(TreeFreeAlloc.class, this::onTreeFreeAlloc)
                .onMessage(FreeBatch.class, this::onFreeBatch)
                .onMessage(Reserve.class, this::onReserve)
                .onMessage(Check.class, this::onCheck)
                .onMessage(Report.class, this::onReport)
                .onMessage(StaleQuery.class, this::onStaleQuery)
                .onMessage(BenchRefill.class, this::onBenchRefill)
                .onMessage(BenchFlush.class, this::onBenchFlush)
                .onMessage(Preloaded.class, this::onPreloaded)
                .onMessage(Flushed.class, this::onStrayFlushed)
                .onMessage(DepotDrained.class, this::onStrayDrained)
                .onMessage(CpuHoldings.class, m -> stray("a CPU survey answer"))
                .onMessage(DepotHoldings.class, m -> stray("a depot survey answer"))
                .onMessage(GatherTimeout.class, m -> Behaviors.same())
                .build();
        this.flushing = Behaviors.receive(Command.class)
                .onMessage(Flushed.class, this::onFlushed)
                .onMessage(DepotDrained.class, this::onDepotDrained)
                .onMessage(GatherTimeout.class, this::onFlushTimeout)
                .onAnyMessage(this::stashed)
                .build();
        this.surveying = Behaviors.receive(Command.class)
                .onMessage(CpuHoldings.class, this::onCpuHoldings)
                .onMessage(DepotHoldings.class, this::onDepotHoldings)
                .onMessage(GatherTimeout.class, this::onSurveyTimeout)
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
            m.replyTo().tell(new CpuActor.FromTree(pfn, stale()));
            return Behaviors.same();
        }
        failing = m;
        return startFlush(m.cpu(), m.size(), m.limit(), start);
    }

    private Behavior<Command> onTreeFree(TreeFree m) {
        domain.free(m.pfn());
        m.replyTo().tell(new CpuActor.Applied(CpuActor.TO_TREE, stale()));
        return Behaviors.same();
    }

    private Behavior<Command> onTreeFreeAlloc(TreeFreeAlloc m) {
        domain.free(m.freePfn());
        return onTreeAlloc(m.alloc());
    }

    private Behavior<Command> onFreeBatch(FreeBatch m) {
        for (long pfn : m.pfns()) domain.free(pfn);
        m.replyTo().tell(new CpuActor.Applied(m.path(), stale()));
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
        stats.flushes++;
        account.begin(cpu, size, limit);
        gather = new Gather(++round, cpus.size(), policy.flushDrainsDepot(), startNanos);
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.Flush(round, ctx.getSelf()));
        if (gather.wantsDepot()) depot.tell(new DepotActor.Drain(round, ctx.getSelf()));
        timers.startSingleTimer(GatherTimeout.class, new GatherTimeout(round), gatherTimeout);
        return flushing;
    }

    private Behavior<Command> onFlushed(Flushed m) {
        if (m.round() != gather.round || !gather.cpu(m.cpu(), m.pfns(), null)) return onStrayFlushed(m);
        return gather.complete() ? finishFlush() : Behaviors.same();
    }

    private Behavior<Command> onDepotDrained(DepotDrained m) {
        if (m.round() != gather.round) return onStrayDrained(m);
        gather.depot(m.pfns());
        return gather.complete() ? finishFlush() : Behaviors.same();
    }

    private Behavior<Command> onFlushTimeout(GatherTimeout m) {
        if (m.round() != gather.round) return Behaviors.same();
        error("flush " + m.round() + ": " + gather.cpusIn() + " of " + gather.cpus() + " CPUs answered within "
                + gatherTimeout.toMillis() + " ms; going on without the others");
        return finishFlush();
    }

    /** Frees what came back in the kernel's order, then retries the allocation that failed. */
    private Behavior<Command> finishFlush() {
        timers.cancel(GatherTimeout.class);
        long gathered = System.nanoTime();
        for (int c = 0; c < gather.cpus(); c++) {
            long[] pfns = gather.cached(c);
            if (pfns == null) continue;
            account.visitedCpu();
            account.acceptAll(pfns);
        }
        if (gather.depot() != null) account.acceptAll(gather.depot());
        stats.flushCpuVisits += account.cpusVisited();
        stats.flushedPfns += account.pfns();
        stats.flushedUseful += account.useful();
        if (failing != null) {
            answerRetry();
        } else {
            long done = System.nanoTime();
            benchReply.tell(new BenchRound(gathered - gather.startNanos, done - gather.startNanos,
                    gather.messagesSent() + gather.messagesReceived(), account.pfns()));
            benchReply = null;
        }
        gather = null;
        return stash.unstashAll(ready);
    }

    private void answerRetry() {
        TreeAlloc m = failing;
        failing = null;
        long pfn = domain.alloc(m.size(), m.limit());
        stats.flushRetrySucceeded += pfn != 0 ? 1 : 0;
        m.replyTo().tell(new CpuActor.FromTree(pfn, stale()));
        log.record(account.finish(pfn != 0), gather, System.nanoTime() - gather.startNanos);
    }

    /** An answer from a flush that timed out: its pfns still belong back in the tree. */
    private Behavior<Command> onStrayFlushed(Flushed m) {
        error("cpu " + m.cpu() + " answered flush " + m.round() + " late; its pfns go back to the tree");
        for (long pfn : m.pfns()) domain.free(pfn);
        return Behaviors.same();
    }

    private Behavior<Command> onStrayDrained(DepotDrained m) {
        error("the depot answered flush " + m.round() + " late; its pfns go back to the tree");
        for (long pfn : m.pfns()) domain.free(pfn);
        return Behaviors.same();
    }

    // ------------------------------------------------------------ the conservation check

    private Behavior<Command> onCheck(Check m) {
        checking = m;
        gather = new Gather(++round, cpus.size(), true, System.nanoTime());
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.Survey(ctx.getSelf()));
        depot.tell(new DepotActor.Survey(ctx.getSelf()));
        timers.startSingleTimer(GatherTimeout.class, new GatherTimeout(round), gatherTimeout);
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

    private Behavior<Command> onSurveyTimeout(GatherTimeout m) {
        if (m.round() != gather.round) return Behaviors.same();
        checking.replyTo().tell(new Checked(false, 0, "conservation survey: " + gather.cpusIn() + " of "
                + gather.cpus() + " CPUs answered within " + gatherTimeout.toMillis() + " ms"));
        checking = null;
        gather = null;
        return stash.unstashAll(ready);
    }

    private Behavior<Command> finishCheck() {
        timers.cancel(GatherTimeout.class);
        Gather g = gather;
        long[] driverHeld = checking.held();
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
        checking.replyTo().tell(new Checked(r.ok(), r.liveRanges(), r.problem()));
        checking = null;
        gather = null;
        return stash.unstashAll(ready);
    }

    private static Magazine asMagazine(long[] pfns) {
        return Magazine.of(pfns.length, pfns);
    }

    // ------------------------------------------------------------ reports and flushbench

    private Behavior<Command> onReport(Report m) {
        m.replyTo().tell(new TreeReport(StatsVector.encode(stats), log.flushes, log.cpusContacted, log.messagesSent,
                log.messagesReceived, 0, log.pfns, log.useful, log.retrySucceeded, log.latencyBytes(), errors, firstError,
                domain.nodesVisited(), domain.inserts(), domain.erases(), domain.nodeCount()));
        return Behaviors.same();
    }

    private Behavior<Command> onBenchRefill(BenchRefill m) {
        long total = 0;
        for (ActorRef<CpuActor.Command> c : cpus) {
            long[] pfns = new long[SizeClass.CACHED_CLASSES * 2 * m.perMagazine()];
            int k = 0;
            for (int cls = 0; cls < SizeClass.CACHED_CLASSES; cls++) {
                for (int i = 0; i < 2 * m.perMagazine(); i++) pfns[k++] = domain.alloc(SizeClass.pages(cls), BENCH_LIMIT);
            }
            total += k;
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
