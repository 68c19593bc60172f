package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.actors.FanOutShapes;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorRunResult;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a cpu node in the middle of a free-running run is a CPU hot-unplug; also under lazy
 * invalidation with IRQ CPUs on both nodes, where the clock actor's fq_flush_timeout stops waiting
 * for the lost CPUs' rings and the run settles without the completions sent to them.
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
             ClusterMachine m = ClusterMachine.start(cluster.node(), cluster.hosts(),
                     new ClusterMachine.Spec(p, w.domain(cpus), true, spec, 1, 1_000, FanOutShapes.DIRECT), settings)) {
            // progress is reported only once the run phase (after setup) has begun
            CompletableFuture<Void> running = new CompletableFuture<>();
            CompletableFuture<ActorRunResult> run = CompletableFuture.supplyAsync(
                    () -> FreeRun.run(m, p, w, 1, irq, done -> running.complete(null), FreeRun.Live.NONE));
            running.get(120, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertTrue(!run.isDone(), "the run must still be going when the node is killed");
            cluster.children().kill(0);
            ActorRunResult r = run.get(150, TimeUnit.SECONDS);
            assertEquals(cpus / 2, r.lost().cpus().length, "the killed node's CPUs are reported lost");
            assertTrue(r.lost().reclaimedPfns() > 0, "what they held went back to the tree");
            assertTrue(r.conservation().ok(), r.conservation().problem());
            assertTrue(r.ops() > 0);
        }
    }
}
