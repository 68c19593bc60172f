package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * Free-running mode: every CPU actor runs its own workload at the same time; mappings freed by
 * another CPU travel as Adopt messages. The run ends when every CPU has run its share; then the
 * conservation check runs over every actor's magazines and every workload's holdings.
 */
public final class ActorEngine {
    private static final long PROGRESS_MS = 250;

    private ActorEngine() {
    }

    public static ActorRunResult run(Policy policy, DomainConfig config, Workload workload, int cpus, long opsPerCpu,
                                     long seed, EngineSettings settings) {
        return run(policy, config, workload, cpus, opsPerCpu, seed, settings, done -> { });
    }

    /** As above, telling {@code progress} every quarter second how many workload operations have started. */
    public static ActorRunResult run(Policy policy, DomainConfig config, Workload workload, int cpus, long opsPerCpu,
                                     long seed, EngineSettings settings, LongConsumer progress) {
        DomainConfig domain = config.withCpus(cpus);
        CpuWorkload[] streams = new CpuWorkload[cpus];
        for (int c = 0; c < cpus; c++) streams[c] = workload.forCpu(c, cpus, seed, opsPerCpu);
        try (LocalMachine m = LocalMachine.start(policy, domain, true, true, settings, c -> streams[c])) {
            return run(m, policy, workload, seed, progress);
        }
    }

    /**
     * Runs {@code workload} on a machine whose CPU actors already hold their streams: setup from
     * here, then every CPU at once until each has run its share (or was lost with its node).
     */
    public static ActorRunResult run(Machine m, Policy policy, Workload workload, long seed, LongConsumer progress) {
        EngineSettings settings = m.settings();
        int cpus = m.cpuCount();
        Setup setup = new Setup(m);
        workload.setup(setup, cpus, seed);
        long start = System.nanoTime();
        CompletableFuture<List<CpuActor.CpuReport>> all = m.runWorkloads(settings.runTimeout());
        while (!all.isDone() && System.nanoTime() - start < settings.runTimeout().toNanos()) {
            try {
                all.get(PROGRESS_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                progress.accept(m.opsStarted());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<CpuActor.CpuReport> reports = m.await(all, "every CPU's workload");
        double seconds = (System.nanoTime() - start) / 1e9;
        TreeOwnerActor.Checked checked = m.ask(m.tree(), r -> new TreeOwnerActor.Check(new long[0], r),
                "the conservation check");
        TreeOwnerActor.TreeReport tree = m.ask(m.tree(), TreeOwnerActor.Report::new, "the tree owner's report");
        return result(policy, workload, cpus, seconds, setup.reserves, reports, tree,
                new Conservation.Result(checked.ok(), checked.liveRanges(), checked.problem()),
                new ActorRunResult.Lost(m.lostCpus(), checked.reclaimed()));
    }

    private static ActorRunResult result(Policy policy, Workload workload, int cpus, double seconds,
                                         long setupReserves, List<CpuActor.CpuReport> reports, TreeOwnerActor.TreeReport tree,
                                         Conservation.Result conservation, ActorRunResult.Lost lost) {
        AllocStats stats = new AllocStats();
        LatencyBook latency = new LatencyBook();
        long ops = setupReserves;
        long errors = tree.errors();
        String firstError = tree.firstError();
        for (CpuActor.CpuReport r : reports) {
            StatsVector.addTo(stats, r.stats());
            latency.add(r.latency());
            ops += r.ops();
            errors += r.errors();
            if (firstError == null) firstError = r.firstError();
        }
        StatsVector.addTo(stats, tree.stats());
        Map<String, LatencySummary> byOutcome = new LinkedHashMap<>();
        for (int o = 0; o < Outcome.COUNT; o++) byOutcome.put(Outcome.name(o), LatencySummary.of(latency.of(o)));
        ActorRunResult.FlushSummary flush = new ActorRunResult.FlushSummary(tree.flushes(), tree.cpusContacted(),
                tree.messagesSent(), tree.messagesReceived(), tree.pfns(), tree.useful(), tree.retrySucceeded(),
                LatencySummary.of(LatencyBook.decode(tree.flushLatency())));
        return new ActorRunResult(policy.name(), workload.name(), cpus, ops, seconds, stats, flush,
                tree.messagesSent() + tree.messagesReceived(), tree.fanoutBytes(), LatencySummary.of(latency.overall()),
                byOutcome, conservation, errors, firstError, new ActorRunResult.TreeWork(tree.treeNodesVisited(),
                        tree.treeInserts(), tree.treeErases(), tree.treeNodes()), lost);
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
            TreeOwnerActor.Reserved ignored = m.ask(m.tree(), r -> new TreeOwnerActor.Reserve(lo, hi, r), "setup reserve");
        }

        @Override
        public long alloc(int cpu, long size, long limit, boolean flush) {
            CpuActor.Allocated a = m.ask(m.cpu(cpu), r -> new CpuActor.Alloc(size, limit, flush, r), "setup alloc");
            return a.pfn();
        }

        @Override
        public void hold(int cpu, long pfn, long size) {
            m.cpu(cpu).tell(new CpuActor.Adopt(pfn, size));
        }
    }
}
