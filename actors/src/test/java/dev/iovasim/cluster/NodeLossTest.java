package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorRunResult;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.SeriesChecks;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a cpu node in the middle of a free-running run is a CPU hot-unplug; also under lazy
 * invalidation with IRQ CPUs on both nodes, where the clock actor's fq_flush_timeout stops waiting
 * for the lost CPUs' rings and the run settles without the completions sent to them. With a time
 * series the same: the barrier stops waiting for the lost CPUs and the rows go on to the end.
 */
class NodeLossTest {
    @ParameterizedTest(name = "{0} {1} irq={2}")
    @CsvSource({
        "linux-4.14, sac-pressure, -",
        "linux-6.1+invalidation=lazy, storage:gap-ns=20000, 0-3;16-19",
    })
    @Timeout(180)
    void killedNodeIsUnpluggedAndTheRunCompletesConserved(String policy, String spec, String irqList) throws Exception {
        Policy p = Policy.byName(policy);
        Workload w = WorkloadCatalogue.byName(spec);
        int cpus = 32;
        IrqCpus irq = irqList.equals("-") ? null : IrqCpus.parse(irqList.replace(';', ','), cpus);
        EngineSettings settings = EngineSettings.defaults().withAskTimeout(Duration.ofSeconds(20));
        try (LocalClusterRun cluster = LocalClusterRun.start(3, List.of(), new PrintStream(PrintStream.nullOutputStream()));
             ClusterMachine m = new ClusterMachine(cluster.node(), cluster.hosts(),
                     new ClusterMachine.Spec(p, w.domain(cpus), true, spec, 1, 1_000, FanOutCatalogue.DIRECT), settings)) {
            // progress is reported only once the run phase (after setup) has begun
            CompletableFuture<Void> running = new CompletableFuture<>();
            CompletableFuture<ActorRunResult> run = CompletableFuture.supplyAsync(
                    () -> FreeRun.run(m, p, w, 1, irq, null, done -> running.complete(null), FreeRun.Live.NONE));
            running.get(120, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertTrue(!run.isDone(), "the run must still be going when the node is killed");
            cluster.children().processes().get(0).destroyForcibly(); // like kill -9
            ActorRunResult r = run.get(150, TimeUnit.SECONDS);
            assertEquals(cpus / 2, r.lost().cpus().length, "the killed node's CPUs are reported lost");
            assertTrue(r.lost().reclaimedPfns() > 0, "what they held went back to the tree");
            assertTrue(r.conservation().ok(), r.conservation().problem());
            assertTrue(r.ops() > 0);
        }
    }

    /**
     * simulate --nodes 2 --timeseries under lazy invalidation with IRQ CPUs on both nodes: the node
     * dies between two rows, so its CPUs never arrive at the next barrier and the unmaps sent to
     * them never run; the barrier goes on without them once the cluster has removed the node (not
     * at an ask's timeout) and the rows go on to the end. Every row sits on its boundary, the
     * interval columns add up to the report (which, as without a series, counts the survivors
     * only), the last row's tree holds the lost CPUs' ranges the end's survey took back.
     */
    @Test
    @Timeout(120)
    void killedNodeDuringATimeSeriesLeavesEveryRow() throws Exception {
        Policy p = Policy.byName("linux-6.1+invalidation=lazy");
        String workload = "storage:gap-ns=20000";
        int cpus = 16;
        long interval = 1_000_000;
        List<Object[]> rows = Collections.synchronizedList(new ArrayList<>());
        RunSpec spec = RunSpec.of(p, WorkloadCatalogue.byName(workload), cpus, 600, 1)
                .withIrqCpus(IrqCpus.parse("0-1,8-9", cpus))
                .withSeries(new SeriesSpec(interval, row -> rows.add(row.clone())));
        // asks that outlast the test: a barrier waiting for a lost CPU's answer would time the test out
        EngineSettings settings = EngineSettings.defaults().withAskTimeout(Duration.ofMinutes(5));
        try (LocalClusterRun cluster = LocalClusterRun.start(3, List.of(), new PrintStream(PrintStream.nullOutputStream()))) {
            ClusterEngine engine = new ClusterEngine(cluster.node(), cluster.hosts(), workload, FanOutCatalogue.DIRECT, settings,
                    RunFigures.none());
            CompletableFuture<RunReport> done = CompletableFuture.supplyAsync(() -> engine.run(spec, ProgressListener.NONE));
            long until = System.nanoTime() + 60_000_000_000L;
            while (rows.size() < 2 && !done.isDone() && System.nanoTime() < until) Thread.sleep(5);
            assertFalse(done.isDone(), "the run must still be going when the node is killed, rows " + rows.size());
            cluster.children().processes().get(0).destroyForcibly(); // like kill -9
            int before = rows.size();
            RunReport r = done.get(90, TimeUnit.SECONDS);
            String label = "killed after row " + before;
            assertEquals(cpus / 2, r.longValue("lost_cpus"), label + ": the killed node's CPUs are reported lost");
            assertTrue(r.longValue("reclaimed_pfns") > 0, label + ": what they held went back to the tree");
            assertTrue(rows.size() > before + 2, label + ": rows after the loss, " + rows.size());
            SeriesChecks.rowsAddUpToTheRun(label, p, r, rows, interval, "fq_timer_flushes fq_queued");
        }
    }
}
