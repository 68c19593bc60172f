package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.OnlineCpus;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Owns the {@link IovaDomain}: being the only one to touch it makes this actor the rbtree lock.
 * It allocates and frees for the CPUs, and runs what needs the whole lock: a flush
 * ({@link OwnerFlush}: a {@link FlushCoordinator} child fans out and gathers, then the owner frees
 * in CPU order and retries), a conservation check
 * ({@link ConservationSurvey}), a driver's requests ({@link DriverRequests}) and flushbench's
 * refills ({@link TreeBench}), each with its own protocol. One flush or survey at a time: requests
 * that arrive meanwhile wait in the stash and run after it, as they would after the kernel's
 * flush under the tree lock.
 */
public final class TreeOwnerActor {

    public interface Command extends WireMessage {
    }

    /**
     * A tree allocation of a rounded {@code size}; when it fails and {@code flushOnFailure}, flush and
     * retry once. {@code op}, here and in the frees, is the CPU's request tag, echoed in the answer.
     * {@code part}: a whole operation, or a map's SAC attempt or the one after it ({@link TreeVisitBook}).
     */
    public record TreeAlloc(int cpu, long size, long limit, boolean flushOnFailure, long op,
                            ActorRef<CpuActor.Command> replyTo, int part) implements Command {
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

    public record Report(ActorRef<TreeReports.TreeReport> replyTo) implements Command {
    }

    /** A report whose depot sizes have come (null if they did not). */
    private record ReportDue(ActorRef<TreeReports.TreeReport> replyTo, int[] depotMagazines) implements Command {
    }

    /** The gather clock's tick ({@link Gather#tick}): one periodic timer, none to start or cancel per flush. */
    private enum GatherTimeout implements Command { TICK }

    /** @param wireBytes fan-out bytes serialized and deserialized in this JVM so far: a flush's cost is its growth */
    public static Behavior<Command> create(Policy policy, IovaDomain domain, EngineSettings settings, LongSupplier wireBytes) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH,
                stash -> new TreeOwnerActor(ctx, timers, stash, policy, domain, settings, wireBytes).detached)));
    }

    /** At most one request per CPU waits here (a CPU waits for its answer), plus drivers' requests. */
    private static final int STASH = 1 << 20;

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final Policy policy;
    private final IovaDomain domain;
    private final Duration gatherTimeout;
    private final AllocStats stats = new AllocStats();
    private final FlushLog log = new FlushLog();
    private final StrayAnswers strays;
    private final TreeBench bench = new TreeBench();
    private final TreeVisitBook visits;
    private final Behavior<Command> detached;
    private final Behavior<Command> ready;
    private final Behavior<Command> flushing;
    private final Behavior<Command> surveying;
    private final LongSupplier wireBytes;
    private FanOutTargets targets;
    /** What every flush shares, from the attach on. */
    private FlushContext flushContext;
    private long reclaimed;
    /** Flushes and surveys draw their round numbers from one count. */
    private long round;
    /** The flush or the survey in progress, or null. */
    private OwnerFlush flush;
    private ConservationSurvey survey;
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
        this.strays = new StrayAnswers(domain, this::error);
        this.wireBytes = wireBytes;
        this.visits = new TreeVisitBook(domain);
        this.detached = Behaviors.receive(Command.class)
                .onMessage(FanOutTargets.Attach.class, this::onAttach)
                .onAnyMessage(Reply.stash(stash))
                .build();
        BehaviorBuilder<Command> ready = Behaviors.receive(Command.class)
                .onMessage(TreeAlloc.class, this::onTreeAlloc)
                .onMessage(TreeFree.class, this::onTreeFree)
                .onMessage(TreeFreeAlloc.class, m -> {
                    long mark = visits.markFree();
                    domain.free(m.freePfn());
                    visits.freed(mark);
                    return onTreeAlloc(m.alloc());
                })
                .onMessage(FreeBatch.class, this::onFreeBatch)
                .onMessage(Trimmed.class, this::onTrimmed)
                .onMessage(DriverRequests.Reserve.class, m -> DriverRequests.reserve(domain, m))
                .onMessage(DriverRequests.EventQuery.class, m -> DriverRequests.eventQuery(domain, m))
                .onMessage(DriverRequests.Online.class, m -> DriverRequests.online(flushContext.online(), m))
                .onMessage(ConservationSurvey.Check.class, this::onCheck)
                .onMessage(Report.class, this::onReport)
                .onMessage(TreeVisitBook.Sample.class, visits::sample)
                .onMessage(ReportDue.class, this::answerReport)
                .onMessage(TreeBench.BenchRefill.class, m -> bench.refill(m, domain, targets, ctx.getSelf()))
                .onMessage(TreeBench.Preloaded.class, bench::preloaded)
                .onMessage(TreeBench.BenchFlush.class, m -> startFlush(null, m.replyTo(), System.nanoTime()))
                .onMessage(ConservationSurvey.Answer.class, strays::surveyAnswer)
                .onMessage(FlushCoordinator.Answer.class, strays::flushAnswer);
        this.ready = servedInAnyState(ready).build();
        BehaviorBuilder<Command> flushing = Behaviors.receive(Command.class)
                .onMessage(FlushCoordinator.Gathered.class, this::finishFlush)
                // a late answer that an earlier flush's coordinator stayed for
                .onMessage(FlushCoordinator.Answer.class, strays::flushAnswer)
                // the trim job takes the tree lock between the flush's steps in the kernel too
                .onMessage(Trimmed.class, this::onTrimmed);
        this.flushing = servedInAnyState(flushing).onAnyMessage(Reply.stash(stash)).build();
        BehaviorBuilder<Command> surveying = Behaviors.receive(Command.class)
                .onMessage(ConservationSurvey.Answer.class, m -> survey.answered(m, strays) ? finishCheck() : Behaviors.same())
                // a magazine trimmed before the depot answered is in no holding (to the tree now); after, it waits
                .onMessage(Trimmed.class, m -> survey.gather.depotIn() ? Reply.same(() -> stash.stash(m)) : onTrimmed(m))
                // no holding has a stray answer's pfns: to the tree at once, or the check would miss them
                .onMessage(FlushCoordinator.Answer.class, strays::flushAnswer);
        this.surveying = servedInAnyState(surveying).onAnyMessage(Reply.stash(stash)).build();
    }

    /** Unplugged CPUs, late answers given back and the gather clock, whatever the state. */
    private BehaviorBuilder<Command> servedInAnyState(BehaviorBuilder<Command> b) {
        return b.onMessage(FanOutTargets.CpusLost.class, this::onCpusLost)
                // already counted as an error by the CPU whose request timed out
                .onMessage(LateReturn.class, m -> strays.free(m.pfns()))
                .onMessage(GatherTimeout.class, this::onTick);
    }

    private Behavior<Command> onAttach(FanOutTargets.Attach m) {
        targets = new FanOutTargets(m);
        flushContext = new FlushContext(targets, domain, stats, log, wireBytes, policy.flushDrainsDepot(),
                new SpareCoordinator(ctx), new OnlineCpus(targets.cpus().size()));
        timers.startTimerWithFixedDelay(GatherTimeout.TICK, gatherTimeout.dividedBy(Gather.TICKS_PER_TIMEOUT));
        return stash.unstashAll(ready);
    }

    /** What every answer to a CPU carries: the kinds of kernel event seen so far. */
    private int events() {
        return domain.kernelEventKinds();
    }

    // ------------------------------------------------------------ the tree

    private Behavior<Command> onTreeAlloc(TreeAlloc m) {
        long start = System.nanoTime();
        long mark = visits.mark();
        long pfn = domain.alloc(m.size(), m.limit());
        if (pfn != 0 || !m.flushOnFailure()) {
            visits.allocated(m, mark);
            return Reply.to(m.replyTo(), new CpuActor.FromTree(pfn, events(), m.op()));
        }
        visits.flushing(m, mark);
        return startFlush(m, null, start);
    }

    private Behavior<Command> onTreeFree(TreeFree m) {
        long mark = visits.markFree();
        domain.free(m.pfn());
        visits.freed(mark);
        return Reply.to(m.replyTo(), new CpuActor.Applied(CpuActor.TO_TREE, events(), m.op()));
    }

    private Behavior<Command> onFreeBatch(FreeBatch m) {
        long mark = visits.markFree();
        for (long pfn : m.pfns()) domain.freeCached(pfn);
        if (m.path() == CpuActor.DEPOT_OVERFLOW) visits.freed(mark);
        return Reply.to(m.replyTo(), new CpuActor.Applied(m.path(), events(), m.op()));
    }

    private Behavior<Command> onTrimmed(Trimmed m) {
        stats.inc(Counter.TRIMS);
        stats.add(Counter.TRIMMED_PFNS, m.pfns().length);
        for (long pfn : m.pfns()) domain.freeCached(pfn);
        return Behaviors.same();
    }

    /** Marks the CPUs unplugged; a flush or survey in progress, or a coordinator staying for late answers, stops waiting for them. */
    private Behavior<Command> onCpusLost(FanOutTargets.CpusLost m) {
        targets.lose(m.first(), m.count());
        OwnerFlush.lost(ctx, m);
        if (survey != null && survey.gather.lost(m.first(), m.count())) return finishCheck();
        return Behaviors.same();
    }

    // ------------------------------------------------------------ the flush

    /** A flush for {@code failing} (the allocation to retry), or flushbench's round ({@code benchReply}). */
    private Behavior<Command> startFlush(TreeAlloc failing, ActorRef<TreeBench.BenchRound> benchReply, long startNanos) {
        flush = new OwnerFlush(ctx, ++round, failing, benchReply, startNanos, flushContext);
        return flushing;
    }

    /** The gather clock: a flush goes on without the CPUs that did not answer, a survey fails. */
    private Behavior<Command> onTick(GatherTimeout m) {
        if (flush != null) flush.tick();
        if (survey == null || !survey.gather.tick()) return Behaviors.same();
        survey.timedOut(gatherTimeout.toMillis(), reclaimed);
        survey = null;
        return stash.unstashAll(ready);
    }

    /** The coordinator's gather, complete or given up on: freed in CPU order, then the retry. */
    private Behavior<Command> finishFlush(FlushCoordinator.Gathered m) {
        if (m.timedOut()) error(flush.timedOut(m.gather(), gatherTimeout.toMillis()));
        flush.finish(m.gather());
        visits.flushed();
        flush = null;
        return stash.unstashAll(ready);
    }

    // ------------------------------------------------------------ the conservation check

    private Behavior<Command> onCheck(ConservationSurvey.Check m) {
        survey = new ConservationSurvey(m, ++round, targets, ctx.getSelf());
        return surveying;
    }

    private Behavior<Command> finishCheck() {
        reclaimed = survey.finish(domain, targets, reclaimed);
        survey = null;
        return stash.unstashAll(ready);
    }

    // ------------------------------------------------------------ reports

    /** The depot's sizes are asked first, so the report and the depot gauge come together. */
    private Behavior<Command> onReport(Report m) {
        ctx.ask(DepotActor.DepotSizes.class, targets.depot(), gatherTimeout, DepotActor.Sizes::new,
                (sizes, failure) -> new ReportDue(m.replyTo(), sizes == null ? null : sizes.magazines()));
        return Behaviors.same();
    }

    private Behavior<Command> answerReport(ReportDue m) {
        return Reply.to(m.replyTo(), new TreeReports.TreeReport(stats.toVector(), log.figures(),
                new TreeReports.TreeWork(domain.nodesVisited(), domain.inserts(), domain.erases(), domain.nodeCount()),
                errors, firstError, m.depotMagazines()));
    }

    private void error(String message) {
        errors++;
        if (firstError == null) firstError = message;
    }
}
