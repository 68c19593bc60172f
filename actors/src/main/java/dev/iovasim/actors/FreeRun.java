package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * One free-running run of the actor engine on a {@link Machine} (named for what it does, beside
 * {@link ActorsEngine}, the {@code --engine actors} adapter that calls it): every CPU actor runs its own workload at the same time; mappings freed by
 * another CPU travel as Adopt messages. The run ends when every CPU has run its share; then the
 * conservation check runs over every actor's magazines and every workload's holdings.
 */
public final class FreeRun {
    private static final long PROGRESS_MS = 250;
    /** How often a run's figures are handed out while it goes: the resolution of a dashboard watching it. */
    public static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);

    /**
     * Where a run's figures go: {@code to} about every {@link #LIVE_INTERVAL} while it runs, then
     * {@code end} once with the figures its result is made of. Each gets the tree owner's report
     * and, with {@code cpus}, the CPU actors' figures summed (null without), each CPU's counters
     * kept apart too with {@code eachCpu} (per-CPU metrics). A cluster's tree node leaves the CPUs
     * out: their own nodes publish them.
     */
    public record Live(boolean cpus, boolean eachCpu, BiConsumer<TreeReports.TreeReport, CpuFigures> to,
                       BiConsumer<TreeReports.TreeReport, CpuFigures> end) {
        public static final Live NONE = new Live(false, false, (tree, cpuFigures) -> { }, (tree, cpuFigures) -> { });
    }

    private FreeRun() {
    }

    /**
     * A run on a machine of its own in this JVM, with the workloads' unmaps on {@code irq}'s CPUs
     * (null: on the CPU whose workload frees) and, under lazy invalidation, through the CPUs' flush
     * queues; writing a time series with {@code series} (null: none), a barrier per interval;
     * telling {@code progress} every quarter second how many workload operations have started, and
     * {@code live} the run's figures as it goes.
     */
    public static ActorRunResult run(Policy policy, DomainConfig config, Workload workload, int cpus, long opsPerCpu,
                                     long seed, IrqCpus irq, IntervalBarriers series, EngineSettings settings,
                                     LongConsumer progress, Live live) {
        DomainConfig domain = config.withCpus(cpus);
        CpuWorkload[] streams = new CpuWorkload[cpus];
        for (int c = 0; c < cpus; c++) streams[c] = workload.forCpu(c, cpus, seed, opsPerCpu);
        try (LocalMachine m = LocalMachine.start(policy, domain, true, true, settings, c -> streams[c])) {
            return run(m, policy, workload, seed, irq, series, progress, live);
        }
    }

    /**
     * Runs {@code workload} on a machine whose CPU actors already hold their streams (in this JVM
     * or on cluster nodes): setup from here, then every CPU at once until each has run its share
     * (or was lost with its node). The workloads' unmaps go to {@code irq}'s CPUs (null: on the CPU
     * whose workload frees) and through the flush queues under lazy invalidation; the run then
     * settles before its survey, unmaps travelling between CPUs or waiting in flush queues.
     * {@code series}: the CPUs stop at each interval's boundary for its row (null: no time series).
     */
    public static ActorRunResult run(Machine m, Policy policy, Workload workload, long seed, IrqCpus irq,
                                     IntervalBarriers series, LongConsumer progress, Live live) {
        boolean settles = policy.invalidation().lazy() || irq != null || series != null;
        if (settles) unmapsOn(m, policy, irq);
        EngineSettings settings = m.settings();
        int cpus = m.cpuCount();
        Setup setup = new Setup(m);
        workload.setup(setup, cpus, seed);
        long start = System.nanoTime();
        if (series != null) series.start(m, setup.reserves);
        CompletableFuture<List<WorkloadDriver.CpuReport>> all = m.runWorkloads(settings.runTimeout());
        LiveRounds rounds = new LiveRounds(m, live, start);
        long tick = start + PROGRESS_MS * 1_000_000L;
        while (!all.isDone() && System.nanoTime() - start < settings.runTimeout().toNanos()) {
            try {
                // a barrier's arrivals wake the loop as soon as they are in: the CPUs wait for their release
                (series == null ? all : CompletableFuture.anyOf(all, series.arrived())).get(PROGRESS_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // progress below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (series != null) series.poll();
            long now = System.nanoTime();
            if (now - tick >= 0) {
                progress.accept(m.opsStarted());
                rounds.poll(now);
                tick = now + PROGRESS_MS * 1_000_000L;
            }
        }
        List<WorkloadDriver.CpuReport> reports = m.await(all, "every CPU's workload");
        if (series != null) series.finish();
        FlushTimerActor.TimerReport timer = settles ? settle(m) : new FlushTimerActor.TimerReport(new AllocStats().toVector(), new long[0]);
        // every surviving CPU's report, each answered between operations
        if (settles) reports = m.askEveryCpu(WorkloadDriver.Report::new, "report", settings.askTimeout());
        double seconds = (System.nanoTime() - start) / 1e9;
        // lazy-single's queued IOVAs are held by the timer actor's one ring
        ConservationSurvey.Checked checked = m.ask(m.tree(), r -> new ConservationSurvey.Check(timer.queued(), r),
                "the conservation check");
        TreeReports.TreeReport tree = m.ask(m.tree(), TreeOwnerActor.Report::new, "the tree owner's report");
        CpuFigures cpuFigures = new CpuFigures(live.eachCpu());
        for (WorkloadDriver.CpuReport r : reports) cpuFigures.add(r);
        live.end().accept(tree, live.cpus() ? cpuFigures : null);
        return result(seconds, setup.reserves, reports, cpuFigures, timer.stats(), tree,
                new Conservation.Result(checked.ok(), checked.liveRanges(), checked.problem()),
                new ActorRunResult.Lost(m.lostCpus(), checked.reclaimed()));
    }

    /** Tells every CPU where and how its workload unmaps, and waits until each has it. */
    private static void unmapsOn(Machine m, Policy policy, IrqCpus irq) {
        m.<CpuFlushQueue.Completions>askEachCpu(c -> r -> new CpuFlushQueue.UnmapsOn(irq == null ? c : irq.completionCpu(c),
                policy.invalidation().word(), m.flushTimer(), r), "unmap routing", m.settings().askTimeout());
    }

    /**
     * Unmaps other CPUs sent to an IRQ CPU, and the timer's frees, may still be on their way when
     * every workload has ended (across JVMs a message to an IRQ CPU may arrive after any question
     * asked of it): the CPUs are asked their counts until every completion sent has run
     * ({@link Machine#settle}); then the clock, which answers once a timer that fell due has
     * freed what it drained. Returns the flush-queue timer's report.
     */
    private static FlushTimerActor.TimerReport settle(Machine m) {
        m.settle("the run");
        FlushTimerActor.ClockMoved moved = m.ask(m.flushTimer(), r -> new FlushTimerActor.AdvanceClock(0, r), "the clock");
        return m.ask(m.flushTimer(), FlushTimerActor.Report::new, "the flush-queue timer's report");
    }

    private static ActorRunResult result(double seconds, long setupReserves, List<WorkloadDriver.CpuReport> reports,
                                         CpuFigures cpuFigures, long[] timerStats, TreeReports.TreeReport tree,
                                         Conservation.Result conservation, ActorRunResult.Lost lost) {
        AllocStats stats = new AllocStats();
        stats.addVector(cpuFigures.stats());
        stats.addVector(timerStats);
        LatencyBook latency = cpuFigures.book();
        long ops = setupReserves;
        long errors = tree.errors();
        String firstError = tree.firstError();
        for (WorkloadDriver.CpuReport r : reports) {
            ops += r.ops();
            errors += r.errors();
            if (firstError == null) firstError = r.firstError();
        }
        stats.addVector(tree.stats());
        Map<String, LatencySummary> byOutcome = new LinkedHashMap<>();
        for (int o = 0; o < Outcome.COUNT; o++) byOutcome.put(Outcome.name(o), LatencySummary.of(latency.of(o)));
        TreeReports.FlushFigures f = tree.flush();
        return new ActorRunResult(ops, seconds, stats, LatencySummary.of(f.latencyNanos()),
                f.messages(), f.fanoutBytes(), LatencySummary.of(latency.overall()),
                byOutcome, conservation, errors, firstError, tree.tree(), lost);
    }

    /**
     * The asks behind {@link Live}, one round at a time: a CPU is asked again only once it has
     * answered, so each sum is at least the one before. Rounds are handed over on the driving
     * thread before {@code run} returns, so the caller's final figures come after every live one;
     * a round still out at the end is dropped.
     */
    private static final class LiveRounds {
        private final Machine m;
        private final Live live;
        private long due;
        private CompletableFuture<TreeReports.TreeReport> tree;
        private final List<CompletableFuture<WorkloadDriver.CpuStats>> cpus = new ArrayList<>();

        LiveRounds(Machine m, Live live, long start) {
            this.m = m;
            this.live = live;
            this.due = start;
        }

        void poll(long now) {
            if (live == Live.NONE) return;
            if (tree != null) {
                if (!tree.isDone() || cpus.stream().anyMatch(f -> !f.isDone())) return;
                handOver();
                tree = null;
                cpus.clear();
            }
            if (now - due < 0) return;
            due = now + LIVE_INTERVAL.toNanos();
            Duration timeout = m.settings().askTimeout();
            tree = m.askLater(m.tree(), TreeOwnerActor.Report::new, timeout);
            if (!live.cpus()) return;
            for (int c = 0; c < m.cpuCount(); c++) {
                cpus.add(m.<CpuActor.Command, WorkloadDriver.CpuStats>askLater(m.cpu(c), WorkloadDriver.Stats::new, timeout));
            }
        }

        /** A round with an answer missing is skipped: its sum could be below the last one handed over. */
        private void handOver() {
            if (tree.isCompletedExceptionally() || cpus.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) return;
            CpuFigures sum = null;
            if (live.cpus()) {
                sum = new CpuFigures(live.eachCpu());
                for (CompletableFuture<WorkloadDriver.CpuStats> f : cpus) sum.add(f.join());
            }
            live.to().accept(tree.join(), sum);
        }
    }

    /**
     * The workload's setup, each operation waited for; held mappings go to their CPU's workload.
     * Its allocations count as operations where they run, in the CPU actors; its reservations go
     * straight to the tree owner, so they are counted here, as the reference engine counts them.
     */
    private static final class Setup implements Workload.SetupTarget {
        private final Machine m;
        long reserves;

        Setup(Machine m) {
            this.m = m;
        }

        @Override
        public void reserve(long lo, long hi) {
            reserves++;
            DriverRequests.Reserved ignored = m.ask(m.tree(), r -> new DriverRequests.Reserve(lo, hi, r), "setup reserve");
        }

        @Override
        public long alloc(int cpu, long size, long limit, boolean flush) {
            CpuActor.Allocated a = m.ask(m.cpu(cpu), r -> new CpuActor.Alloc(size, limit, flush, r), "setup alloc");
            return a.pfn();
        }

        @Override
        public void hold(int cpu, long pfn, long size) {
            m.cpu(cpu).tell(new WorkloadDriver.Adopt(pfn, size));
        }
    }
}
