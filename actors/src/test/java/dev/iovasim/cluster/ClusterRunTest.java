package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorRunResult;
import dev.iovasim.actors.ActorTarget;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.FlushBench;
import dev.iovasim.actors.SeriesChecks;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.OpTarget;
import dev.iovasim.allocator.trace.Replay;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One real cluster for the whole class: this JVM is the tree node, two cpu-node JVMs on
 * 127.0.0.1 hold the CPU actors (3 JVMs in all), stopped after the last test also on failure.
 */
@Timeout(value = 240)
class ClusterRunTest {
    static final EngineSettings SETTINGS = EngineSettings.defaults().withAskTimeout(Duration.ofSeconds(20));
    static LocalClusterRun cluster;

    @BeforeAll
    static void start() {
        cluster = LocalClusterRun.start(3, List.of(), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (cluster == null) return;
        cluster.close();
        for (Process p : cluster.children().processes()) assertTrue(!p.isAlive(), "a cpu node outlived the cluster");
    }

    static Path project() {
        Path p = Path.of(System.getProperty("iovasim.root", "..")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples"))) p = p.getParent();
        return p;
    }

    static ClusterMachine machine(Policy p, DomainConfig cfg, String workload, long seed, long ops, FanOutShape f) {
        return new ClusterMachine(cluster.node(), cluster.hosts(),
                new ClusterMachine.Spec(p, cfg, true, workload, seed, ops, f), SETTINGS);
    }

    static List<String> replay(byte[] trace, Function<DomainConfig, OpTarget> engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(engine, w -> { }, 0).run(new ByteArrayInputStream(trace), out);
        return List.of(out.toString(StandardCharsets.US_ASCII).replaceAll("(?m)^# engine \\w+", "# engine").split("\n"));
    }

    static void requireSame(String label, byte[] trace, Policy p, FanOutShape f) throws Exception {
        List<String> want = replay(trace, cfg -> AllocatorTarget.create(p, cfg, true));
        List<String> got = replay(trace, cfg -> ActorTarget.over(machine(p, cfg, "", 0, 0, f)));
        assertEquals(want, got, label + " under " + p.name() + ", fan-out " + f.name());
        assertTrue(got.stream().anyMatch(l -> l.startsWith("# conservation ok")), label + ": conservation");
    }

    @Test
    void examplesReplayExactlyAsTheReferenceEngineWithEitherFanOut() throws Exception {
        Path dir = project().resolve("examples");
        for (String name : List.of("basic", "sac-flush", "max32", "reserve")) {
            byte[] trace = Files.readAllBytes(dir.resolve(name + ".trace"));
            requireSame(name, trace, Policy.LINUX_4_14, FanOutCatalogue.DIRECT);
            requireSame(name, trace, Policy.LINUX_6_1, FanOutCatalogue.PER_NODE);
        }
        byte[] depot = Files.readAllBytes(dir.resolve("depot.trace"));
        requireSame("depot", depot, Policy.LINUX_6_1.withMagazineSize(2), FanOutCatalogue.DIRECT);
        requireSame("depot", depot, Policy.LINUX_4_15.withMagazineSize(2), FanOutCatalogue.PER_NODE);
    }

    /**
     * Its first 6,000 lines: every replayed operation is a remote round trip of 1-3 ms here, so the
     * whole trace (20,000 operations, compared by hand in the notes) would take minutes of the suite.
     */
    @Test
    void conformanceC1ReplaysExactly() throws Exception {
        byte[] prefix = ConformanceSet.head("c1-basic.trace.xz", C1_LINES);
        requireSame("c1-basic (first " + C1_LINES + " lines)", prefix, Policy.LINUX_4_14, FanOutCatalogue.PER_NODE);
    }

    static final int C1_LINES = 6_000;

    /**
     * Lazy invalidation and clock lines over the nodes, in lock-step: a reference run's trace with
     * its frees on IRQ CPUs (queue_iova on CPU actors of other JVMs, fq_flush_timeout draining their
     * rings from the tree node's clock actor) and the 6.7 trim; each operation is a remote round trip.
     * Under lazy-single the one queue is the tree node's clock actor's, its frees sent back to the
     * unmapping CPU in another JVM (gaps of 8 ms: the CPUs' clocks pass the 1 s timer). Both write
     * a time series, each row's CPU parts gathered from the cpu nodes: the reference engine's rows.
     */
    @Test
    void lazyTraceWithClockLinesReplaysExactly() throws Exception {
        lazyTraceReplaysExactly("linux-6.7+invalidation=lazy", "storage:gap-ns=20000", 500_000);
        lazyTraceReplaysExactly("linux-6.7+invalidation=lazy-single", "storage:gap-ns=8000000", 100_000_000);
    }

    /**
     * Free-running over three JVMs with a time series (simulate --nodes 3 --timeseries): every CPU
     * stops at each boundary, its node's CPUs and the other node's alike; rows at every boundary,
     * their interval columns adding up to the report, the end's state agreeing with the report and
     * the survey (the checks of the one-JVM FreeRunSeriesTest). Strict and lazy, with and without
     * IRQ CPUs on both cpu nodes (their unmaps cross JVMs, so a barrier settles by counting them).
     */
    @Test
    void freeRunningTimeSeriesOverThreeJvmsAddsUpToTheRun() {
        String[][] cases = {
            // workload, policy, CPUs, ops per CPU, IRQ CPUs, us per row, columns that must move
            {"sac-pressure", "linux-4.14", "8", "300", "-", "20", "rcache_flushes allocs_tree"},
            {"storage:gap-ns=20000", "linux-6.7+invalidation=lazy", "8", "1000", "0-1,4-5", "4000", "fq_timer_flushes fq_queued"},
            {"storage:gap-ns=20000", "linux-6.1", "6", "1000", "1,4", "4000", "allocs_tree sac_attempts"},
            {"storage:gap-ns=5000", "linux-6.1+invalidation=lazy", "6", "1000", "-", "1000", "fq_flushes fq_freed"},
        };
        for (String[] c : cases) {
            Policy p = Policy.byName(c[1]);
            int cpus = Integer.parseInt(c[2]);
            long us = Long.parseLong(c[5]);
            List<Object[]> rows = new ArrayList<>();
            List<Object[]> reference = new ArrayList<>();
            RunSpec spec = RunSpec.of(p, WorkloadCatalogue.byName(c[0]), cpus, Long.parseLong(c[3]), 5);
            if (!c[4].equals("-")) spec = spec.withIrqCpus(IrqCpus.parse(c[4], cpus));
            RunReport r = new ClusterEngine(cluster.node(), cluster.hosts(), c[0], FanOutCatalogue.PER_NODE, SETTINGS,
                    RunFigures.none()).run(spec.withSeries(new SeriesSpec(us * 1000, row -> rows.add(row.clone()))),
                    ProgressListener.NONE);
            String label = c[0] + " " + c[1] + " irq " + c[4] + " over 3 JVMs";
            SeriesChecks.rowsAddUpToTheRun(label, p, r, rows, us * 1000, c[6]);
            // these workloads' gaps are fixed, so an interval's operations are the reference engine's
            // when every CPU, on either cpu node, stopped at the boundary (the other columns interleave by timing)
            new ReferenceEngine().run(spec.withSeries(new SeriesSpec(us * 1000, row -> reference.add(row.clone()))),
                    ProgressListener.NONE);
            assertEquals(reference.stream().map(row -> row[Column.OPS.ordinal()]).toList(),
                    rows.stream().map(row -> row[Column.OPS.ordinal()]).toList(), label + ": operations per row");
        }
    }

    private static void lazyTraceReplaysExactly(String policy, String workload, long intervalNanos) throws Exception {
        Path file = Files.createTempFile("lazy", ".trace");
        try {
            Policy p = Policy.byName(policy);
            RunSpec s = new RunSpec(p, WorkloadCatalogue.byName(workload), 6, 250, 7, 0, file, true, IrqCpus.parse("0,3", 6), null);
            new ReferenceEngine().run(s, ProgressListener.NONE);
            byte[] trace = Files.readAllBytes(file);
            String label = workload + ", IRQ CPUs 0 and 3";
            List<List<Object>> want = new ArrayList<>();
            List<List<Object>> got = new ArrayList<>();
            List<String> ref = replay(trace, cfg -> AllocatorTarget.create(p, cfg, true)
                    .withSeries(p.name(), new SeriesSpec(intervalNanos, row -> want.add(List.of(row)))));
            List<String> actors = replay(trace, cfg -> ActorTarget.over(machine(p, cfg, "", 0, 0, FanOutCatalogue.PER_NODE))
                    .withSeries(p.name(), new SeriesSpec(intervalNanos, row -> got.add(List.of(row)))));
            assertEquals(ref, actors, label + " under " + p.name());
            assertTrue(ref.stream().anyMatch(l -> l.startsWith("# flush_queue ")), "the trace's frees were queued");
            // every value equal, so the CSV (a function of the values) is the same, byte for byte
            assertTrue(want.size() > 3, label + ": rows " + want.size());
            assertEquals(want, got, label + ": the time series");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Free-running over three JVMs with the unmaps on IRQ CPUs of both cpu nodes, through the flush
     * queues: the run settles by counting the completions sent and run (no mailbox order across
     * JVMs), so the survey finds every pfn once, every operation counts once wherever it ran (the
     * reference engine's count), the timer fired, and the tree node saw no undelivered message.
     */
    @Test
    void freeRunningLazyAndIrqCpusOverNodesConserveAndCountOnce() {
        String[][] cases = {
            {"linux-6.7+invalidation=lazy", "storage:gap-ns=20000", "0-1,4-5"},
            {"linux-6.1+invalidation=lazy-single", "storage:gap-ns=1000000", "0,5"},
            {"linux-6.1", "storage:gap-ns=20000", "1,6"},
        };
        for (String[] c : cases) {
            Policy p = Policy.byName(c[0]);
            Workload w = WorkloadCatalogue.byName(c[1]);
            IrqCpus irq = IrqCpus.parse(c[2], 8);
            String deadBefore = cluster.node().deadLetters();
            ActorRunResult r;
            try (ClusterMachine m = machine(p, w.domain(8), c[1], 1, 1500, FanOutCatalogue.PER_NODE)) {
                r = FreeRun.run(m, p, w, 1, irq, null, done -> { }, FreeRun.Live.NONE);
            }
            String label = c[0] + " " + c[1] + " irq " + c[2];
            assertTrue(r.conservation().ok(), () -> label + ": " + r.conservation().problem());
            assertEquals(0, r.errors(), () -> label + ": " + r.firstError());
            long reference = new ReferenceEngine().run(RunSpec.of(p, w, 8, 1500, 1).withIrqCpus(irq), ProgressListener.NONE)
                    .longValue("ops");
            assertEquals(reference, r.ops(), label + ": every operation counted once");
            if (p.invalidation().lazy()) {
                assertTrue(r.stats().get(dev.iovasim.allocator.Counter.FQ_TIMER_FLUSHES) > 0, label + ": fq_flush_timeout ran");
                assertEquals(r.stats().get(dev.iovasim.allocator.Counter.FQ_FREED), r.stats().get(dev.iovasim.allocator.Counter.FREES),
                        label + ": every free went through a flush queue");
            }
            assertEquals(deadBefore, cluster.node().deadLetters(), label + ": undelivered messages on the tree node");
        }
    }

    @Test
    void freeRunning128CpusOverThreeJvmsConservesAndCountsBytes() {
        ActorRunResult r = run(Policy.LINUX_4_14, "sac-pressure", 128, 60, FanOutCatalogue.DIRECT);
        assertTrue(r.conservation().ok(), r.conservation().problem());
        assertTrue(r.ops() >= 128L * 60, "every CPU ran its share (chained frees count on top): " + r.ops());
        assertTrue(r.flushLatency().count() > 0, "4.14 under sac-pressure flushes");
        assertTrue(r.fanoutBytes() > 0, "flushes crossed JVMs, so bytes were serialized");
        assertEquals(0, r.errors(), r.firstError());
    }

    /** The progress line of a cluster run hears the cpu nodes' counts, not this JVM's (which is 0). */
    @Test
    void progressCountsTheCpuNodesOperations() throws InterruptedException {
        Policy p = Policy.LINUX_6_1;
        Workload w = WorkloadCatalogue.byName("nic");
        try (ClusterMachine m = machine(p, w.domain(64), "nic", 1, 200, FanOutCatalogue.DIRECT)) {
            FreeRun.run(m, p, w, 1, null, null, done -> { }, FreeRun.Live.NONE);
            long deadline = System.nanoTime() + 10_000_000_000L;
            long seen;
            while ((seen = m.opsStarted()) < 64L * 200 && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(seen >= 64L * 200, "the nodes' polled count reaches every CPU's share: " + seen);
        }
    }

    /** 1024 CPUs over 2 cpu nodes: every CPU reports, operations add up, nothing is lost. */
    @Test
    void noMessageIsLostAt1024Cpus() {
        ActorRunResult r = run(Policy.LINUX_6_1, "nic", 1024, 60, FanOutCatalogue.PER_NODE);
        assertEquals(1024L * 60, r.ops(), "operations of every CPU");
        assertEquals(0, r.errors(), r.firstError());
        assertTrue(r.conservation().ok(), r.conservation().problem());
        assertEquals(0, r.lost().cpus().length);
    }

    @Test
    void perNodeFanOutSendsOneMessagePerNode() {
        Policy p = Policy.LINUX_6_1;
        try (ClusterMachine direct = machine(p, new DomainConfig(64, 4096, 1), "", 0, 0, FanOutCatalogue.DIRECT)) {
            FlushBench.Result d = FlushBench.run(direct, p, 3, 1, 0.05, false, round -> { });
            assertEquals(2L * 64 + 2, d.messagesPerRound(), "a Flush and an answer per CPU, plus the depot's");
            assertTrue(d.bytesPerRound() > 0);
        }
        try (ClusterMachine perNode = machine(p, new DomainConfig(64, 4096, 1), "", 0, 0, FanOutCatalogue.PER_NODE)) {
            FlushBench.Result n = FlushBench.run(perNode, p, 3, 1, 0.05, false, round -> { });
            assertEquals(2L * 2 + 2, n.messagesPerRound(), "a Flush and an answer per node, plus the depot's");
            assertEquals(64L * 12 * 6, n.pfnsPerRound());
        }
    }

    /** A message the wire does not know: bound to Kryo (it is a host command) but not registered. */
    record Stranger(int x) implements CpuHost.Command {
    }

    @Test
    void unregisteredMessageIsRefusedAndTheNodesKeepRunning() {
        var serialization = akka.serialization.SerializationExtension.get(
                akka.actor.typed.javadsl.Adapter.toClassic(cluster.node().system()));
        assertTrue(serialization.serialize(new Stranger(1)).isFailure(), "Kryo must refuse an unregistered class");
        for (var host : cluster.hosts()) host.tell(new Stranger(2));
        try (ClusterMachine m = machine(Policy.LINUX_6_1, new DomainConfig(8, 4096, 1), "", 0, 0, FanOutCatalogue.PER_NODE)) {
            FlushBench.Result r = FlushBench.run(m, Policy.LINUX_6_1, 2, 0, 0.05, false, round -> { });
            assertEquals(8L * 12 * 6, r.pfnsPerRound(), "the cluster still works after the refused message");
        }
    }

    static ActorRunResult run(Policy p, String spec, int cpus, long ops, FanOutShape f) {
        Workload w = WorkloadCatalogue.byName(spec);
        try (ClusterMachine m = machine(p, w.domain(cpus), spec, 1, ops, f)) {
            return FreeRun.run(m, p, w, 1, null, null, done -> { }, FreeRun.Live.NONE);
        }
    }
}
