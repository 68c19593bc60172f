package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.sweep.EngineRegistry;
import dev.iovasim.sweep.PointRunner;
import dev.iovasim.sweep.ResultColumns;
import dev.iovasim.sweep.ResultTable;
import dev.iovasim.sweep.ResultsFile;
import dev.iovasim.sweep.SweepLock;
import dev.iovasim.sweep.SweepPoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path tmp;

    private final List<SweepPoint> calls = new ArrayList<>();
    private String stderr = "";

    @AfterEach
    void restoreEngines() {
        SweepCommand.engines = EngineRegistry::builtin;
    }

    /** Runs the CLI in-process; standard error is kept in {@link #stderr}. */
    private int run(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            return Main.run(args);
        } finally {
            System.setErr(err);
            System.setOut(out);
            stderr = buf.toString(StandardCharsets.UTF_8);
        }
    }

    /** A stand-in engine: flush latency grows by exactly 0.5 µs (p50) and 2 µs (p99) per CPU. */
    private Map<String, Object> standIn(SweepPoint p) {
        calls.add(p);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("policy", p.policy());
        r.put("cpus", p.cpus());
        r.put("allocs", 1000L);
        r.put("rcache_hits", 900L - p.cpus());
        r.put("flushes", 10L);
        r.put("flushed_pfns", 40L * p.cpus());
        r.put("wall_seconds", 0.01);
        r.put("ops_per_second", 1e5 / p.cpus());
        r.put("conservation_ok", true);
        r.put("flush_latency_p50_us", 5 + 0.5 * p.cpus());
        r.put("flush_latency_p99_us", 20 + 2.0 * p.cpus());
        r.put("fanout_messages", 20L * p.cpus());
        r.put("fanout_bytes", 640L * p.cpus());
        return r;
    }

    private void useEngine(String name, PointRunner runner) {
        SweepCommand.engines = () -> new EngineRegistry().register(name, runner);
    }

    private static Set<String> ids(ResultTable t) {
        Set<String> out = new HashSet<>();
        for (Map<String, String> r : t.rows()) assertTrue(out.add(SweepPoint.id(r)), "duplicate row " + SweepPoint.id(r));
        return out;
    }

    @Test
    void clusterPointsRunOnLocalCpuNodeJvms() throws IOException {
        Path dir = tmp.resolve("cluster");
        int status = run("sweep", "--cpus", "8", "--nodes", "2", "--policy", "linux-4.14", "--engine", "actors",
                "--fanout", "direct,per-node", "--ops", "200", "--repeat", "1", "--out", dir.toString());
        assertEquals(0, status, stderr);
        ResultTable t = ResultsFile.read(dir);
        assertEquals(2, t.rows().size());
        assertEquals(ResultColumns.standard(), t.columns(), "every column a cluster run reports is in the schema");
        for (Map<String, String> r : t.rows()) {
            assertEquals("2", r.get("nodes"));
            assertEquals("true", r.get("conservation_ok"), r.toString());
            assertEquals("", r.get("error"), r.toString());
        }
        assertEquals(Set.of("direct", "per-node"), Set.of(t.rows().get(0).get("fanout"), t.rows().get(1).get("fanout")));
    }

    @Test
    void tinyReferenceSweepWritesRowsPlotsAndReport() throws IOException {
        Path dir = tmp.resolve("tiny");
        int status = run("sweep", "--cpus", "2,4", "--policy", "linux-4.14,linux-6.1", "--repeat", "2",
                "--engine", "reference,actors", "--ops", "300", "--out", dir.toString());
        assertEquals(0, status, stderr);

        ResultTable t = ResultsFile.read(dir);
        assertEquals(16, t.rows().size());
        assertEquals(16, ids(t).size());
        assertEquals(ResultColumns.standard(), t.columns(), "every column both engines report is in the schema");
        for (Map<String, String> r : t.rows()) {
            assertEquals("true", r.get("conservation_ok"));
            assertTrue(Long.parseLong(r.get("allocs")) > 0);
            assertFalse(r.get("hit_rate").isEmpty());
            assertFalse(r.get("ops_per_second").isEmpty());
            // the actor engine measures its fan-out; the reference engine has none to measure
            assertEquals(r.get("engine").equals("actors"), !r.get("fanout_messages").isEmpty(), r.toString());
        }

        String report = Files.readString(dir.resolve("report.md"));
        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir)) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(pngs.size() >= 4, "plots: " + pngs);
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is not an image");
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
            assertTrue(report.contains("](" + png.getFileName() + ")"), "report does not show " + png.getFileName());
        }
        assertTrue(report.contains("- Command: `bin/iovasim sweep --cpus 2,4 --policy linux-4.14,linux-6.1"));
        assertTrue(report.contains("| linux-6.1 | reference | 4 | 2 |"), report);
        assertTrue(report.contains("| linux-6.1 | actors | 4 | 2 |"), report);
    }

    @Test
    void interruptedSweepResumesWithoutDuplicatesOrGaps() throws IOException {
        Path dir = tmp.resolve("resume");
        useEngine("stand-in", p -> {
            if (calls.size() == 5) throw new InterruptedException("stop");
            return standIn(p);
        });
        String[] args = {"sweep", "--engine", "stand-in", "--cpus", "2,4,8", "--policy", "linux-4.15,linux-6.7",
            "--repeat", "2", "--out", dir.toString()};
        assertEquals(ExitCodes.FAILURE, run(args), stderr);
        assertFalse(Files.exists(dir.resolve(SweepLock.NAME)), "an interrupted sweep leaves no lock file");
        assertTrue(stderr.contains("--resume " + dir), stderr);
        assertEquals(5, ResultsFile.read(dir).rows().size());

        List<SweepPoint> before = List.copyOf(calls);
        calls.clear();
        useEngine("stand-in", this::standIn);
        assertEquals(0, run("sweep", "--resume", dir.toString()), stderr);

        assertEquals(7, calls.size());
        for (SweepPoint p : calls) assertFalse(before.subList(0, 5).contains(p), "ran twice: " + p);
        ResultTable t = ResultsFile.read(dir);
        assertEquals(12, t.rows().size());
        assertEquals(12, ids(t).size());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("- Resumed with: `bin/iovasim sweep --resume " + dir + "`"));
        assertTrue(report.contains("![Messages per flush vs CPUs](fanout-messages-per-flush.png)"), report);
        // the stand-in's latency is exactly 5 + 0.5·cpus and 20 + 2·cpus: a line, not a power law
        assertTrue(report.matches("(?s).*\\| linux-4\\.15 \\| p50 \\| 0\\.500 \\| 5 \\| 1\\.000 \\| 0\\.[0-9]+ \\| 0\\.9[0-9]+ \\| 6 \\| 3 values \\| good: linear fits best \\|.*"), report);
        assertTrue(report.matches("(?s).*\\| linux-6\\.7 \\| p99 \\| 2 \\| 20 \\| 1\\.000 \\| 0\\.[0-9]+ \\| 0\\.9[0-9]+ \\| 6 \\| 3 values \\| good: linear fits best \\|.*"), report);
    }

    @Test
    void aFailingRunBecomesAnErrorRowAndIsRetriedOnResume() throws IOException {
        Path dir = tmp.resolve("errors");
        useEngine("stand-in", p -> {
            if (p.cpus() == 4) throw new IllegalStateException("node lost");
            return standIn(p);
        });
        assertEquals(1, run("sweep", "--engine", "stand-in", "--cpus", "2,4", "--policy", "linux-6.1", "--repeat", "1",
                "--out", dir.toString()), stderr);
        assertFalse(Files.exists(dir.resolve(SweepLock.NAME)), "a failed sweep leaves no lock file");
        ResultTable t = ResultsFile.read(dir);
        assertEquals(2, t.rows().size());
        assertEquals("IllegalStateException: node lost", t.failed().get(0).get("error"));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("IllegalStateException: node lost"));

        calls.clear();
        useEngine("stand-in", this::standIn);
        assertEquals(0, run("sweep", "--resume", dir.toString()), stderr);
        assertEquals(1, calls.size());
        assertEquals(4, calls.get(0).cpus());
        assertEquals(2, ResultsFile.read(dir).completed().size());
        assertTrue(ResultsFile.read(dir).failed().isEmpty());
    }

    @Test
    void resumingWithOtherFlagsIsRefused() {
        Path dir = tmp.resolve("other");
        useEngine("stand-in", this::standIn);
        assertEquals(0, run("sweep", "--engine", "stand-in", "--cpus", "2,4", "--policy", "linux-6.1", "--repeat", "1",
                "--out", dir.toString()), stderr);
        assertEquals(2, run("sweep", "--resume", dir.toString(), "--cpus", "2,8"));
        assertTrue(stderr.contains("error: --cpus: the sweep in " + dir + " ran with --cpus 2,4, not 2,8"), stderr);
        assertEquals(0, run("sweep", "--resume", dir.toString(), "--cpus", "2, 4", "--policy", "LINUX-6.1"), stderr);
        assertEquals(2, run("sweep", "--out", dir.toString()));
        assertTrue(stderr.contains("already holds a sweep; continue it with --resume"), stderr);
        assertEquals(2, run("sweep", "--resume", tmp.resolve("nowhere").toString()));
        assertTrue(stderr.contains("no plan.txt there"), stderr);
    }

    @Test
    void aSweepDirectoryBeingWrittenIsNotResumedTwice() throws IOException {
        Path dir = tmp.resolve("busy");
        useEngine("stand-in", this::standIn);
        assertEquals(0, run("sweep", "--engine", "stand-in", "--cpus", "2", "--policy", "linux-6.1", "--repeat", "1",
                "--out", dir.toString()), stderr);
        SweepLock held = SweepLock.take(dir);
        try {
            assertEquals(2, run("sweep", "--resume", dir.toString()));
            assertTrue(stderr.contains("is being written by another sweep"), stderr);
        } finally {
            held.close();
        }
        assertEquals(0, run("sweep", "--resume", dir.toString()), stderr);
        assertFalse(Files.exists(dir.resolve(SweepLock.NAME)), "a finished sweep leaves no lock file");
    }

    @Test
    void badListsExitTwoNamingTheFlag() {
        Path dir = tmp.resolve("bad");
        String[][] cases = {
            {"--cpus", "0", "error: --cpus: must be at least 1, got 0"},
            {"--cpus", "4,x", "error: --cpus: 'x' is not a whole number"},
            {"--policy", "linux-4.14,linux-5.0", "error: --policy: unknown policy 'linux-5.0'"},
            {"--repeat", "0", "error: --repeat: must be at least 1, got 0"},
            {"--nodes", "4", "error: --nodes 4: its 3 cpu nodes need at least 3 CPUs (one each), got --cpus 2"},
            // simulate's limits (RunLimits): a sweep point is a simulate run
            {"--cpus", "5000", "error: --cpus: must be at most 4096, got 5000"},
            {"--ops", "1000000001", "error: --ops: must be at most 1000000000, got 1000000001"},
            {"--nodes", "34", "error: --nodes: must be at most 33, got 34"},
            {"--fanout", "per-node", "error: --fanout per-node: needs --nodes 2 or more"},
            {"--engine", "quantum", "error: --engine quantum: not available in this build (available: reference, actors)"},
            {"--workload", "churn", "error: --workload: unknown workload 'churn'"},
        };
        for (String[] c : cases) {
            assertEquals(2, run("sweep", c[0], c[1], "--cpus".equals(c[0]) ? "--ops" : "--cpus",
                    "--cpus".equals(c[0]) ? "10" : "2", "--out", dir.toString()), c[0] + " " + c[1]);
            assertTrue(stderr.contains(c[2]), c[0] + " " + c[1] + " -> " + stderr);
        }
        assertFalse(Files.exists(dir), "a refused sweep must not create its directory");
    }

    /** What simulate refuses before it starts, sweep refuses before its first run, with exit status 2. */
    @Test
    void aPointSimulateWouldRefuseIsRefusedUpFront() {
        Path dir = tmp.resolve("refused");
        assertEquals(2, run("sweep", "--cpus", "2", "--engine", "actors", "--set", "rcache-classes=10", "--repeat", "1",
                "--out", dir.toString()), stderr);
        assertTrue(stderr.startsWith("error: --set rcache-classes=10: the actor engine caches the kernel's 6 size classes only"), stderr);
        // with --set, the policies are rewritten: an empty item is still one
        assertEquals(2, run("sweep", "--cpus", "2", "--policy", "linux-6.1,", "--set", "sac=always", "--out", dir.toString()), stderr);
        assertTrue(stderr.startsWith("error: --policy: empty item in '"), stderr);
        assertFalse(Files.exists(dir), "a refused sweep must not create its directory");
    }
}
