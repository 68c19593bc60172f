package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code replay --nodes 3 --tls} from the command line: the reference engine's output, and no JVM
 * and no key left behind; {@code simulate --nodes 2} with flush queues, IRQ CPUs and a time series.
 */
class ClusterCliTest {
    @Test
    @Timeout(120)
    void replayOnThreeJvmsPrintsWhatTheReferenceEnginePrints() {
        Path trace = project().resolve("examples/sac-flush.trace");
        CliRun reference = CliRun.of("replay", trace.toString(), "--policy", "linux-4.14");
        List<Path> keysBefore = runKeys();
        CliRun cluster = CliRun.of("replay", trace.toString(), "--policy", "linux-4.14", "--nodes", "3", "--fanout", "per-node",
                "--tls");
        assertEquals(0, cluster.status(), cluster.err());
        assertEquals(withoutEngine(reference.outLines()), withoutEngine(cluster.outLines()));
        assertTrue(cluster.err().contains("cluster: starting 2 cpu-node JVM(s) on 127.0.0.1, over TLS"), cluster.err());
        // only what appeared during the run counts: another run on the machine may remove its own meanwhile
        assertEquals(List.of(), runKeys().stream().filter(k -> !keysBefore.contains(k)).toList(),
                "the run's TLS keys are removed when it ends");
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                "every cpu-node JVM is stopped when the command ends");
    }

    /**
     * Free-running flush queues and IRQ CPUs over two JVMs, with a time series: no longer refused;
     * conserved, the queues flushed, a row per millisecond of the 6 simulated ms (300 operations 20 us apart).
     */
    @Test
    @Timeout(120)
    void simulateOverNodesRunsLazyInvalidationOnIrqCpus() throws java.io.IOException {
        Path csv = Files.createTempFile("nodes", ".csv");
        try {
            CliRun r = CliRun.of("simulate", "--engine", "actors", "--nodes", "2", "--cpus", "4", "--ops", "300",
                    "--workload", "storage:gap-ns=20000", "--policy", "linux-6.7", "--invalidation", "lazy", "--irq-cpus", "0,2",
                    "--timeseries", csv.toString(), "--interval", "1");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("flush-queue IOTLB flushes"), r.out());
            assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("conservation") && l.trim().endsWith("ok")), r.out());
            List<String> rows = Files.readAllLines(csv);
            assertEquals(1 + 6, rows.size(), "a header and six rows: " + rows);
            assertTrue(rows.get(6).startsWith("linux-6.7+invalidation=lazy,0.006,"), rows.get(6));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void clusterFlagsAreChecked() {
        CliRun r = CliRun.of("replay", "-", "--nodes", "1", "--fanout", "per-node");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--fanout per-node: needs --nodes 2 or more"), r.err());
        r = CliRun.of("simulate", "--nodes", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--nodes: must be in 1..33"), r.err());
    }

    /** The per-run key directories {@code --tls} makes in the temporary directory. */
    private static List<Path> runKeys() {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("iovasim-tls-")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> withoutEngine(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("# engine")).toList();
    }

    private static Path project() {
        Path p = Path.of(System.getProperty("iovasim.root", "..")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples"))) p = p.getParent();
        return p;
    }
}
