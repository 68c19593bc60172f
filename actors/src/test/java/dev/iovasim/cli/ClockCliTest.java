package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.series.Column;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --invalidation, --irq-cpus, --timeseries and --interval from the command line, and their errors. */
class ClockCliTest {
    @TempDir
    Path dir;

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords());
        }
    }

    @Test
    void simulateWritesOneRowPerIntervalPerPolicy() throws IOException {
        Path ts = dir.resolve("ts.csv");
        CliRun r = CliRun.of("simulate", "--engine", "reference", "--workload", "storage:gap-ns=20000", "--cpus", "8",
                "--ops", "1000", "--policy", "linux-6.1,linux-6.7", "--invalidation", "lazy", "--irq-cpus", "0-1",
                "--timeseries", ts.toString(), "--interval", "5");
        assertEquals(0, r.status(), r::err);
        assertTrue(r.out().contains("flush-queue IOTLB flushes"), r.out());
        assertTrue(r.out().contains("simulated s / wall s"), r.out());
        List<CSVRecord> rows = csv(ts);
        // 1000 ops x 20 us = 20 ms per policy: 4 rows each
        assertEquals(8, rows.size());
        assertEquals(List.of(Column.header()), List.of(rows.get(0).getParser().getHeaderNames().toArray(String[]::new)));
        assertEquals("linux-6.1+invalidation=lazy", rows.get(0).get("policy"));
        assertEquals("linux-6.7+invalidation=lazy", rows.get(7).get("policy"));
        assertEquals(0.02, Double.parseDouble(rows.get(7).get("sim_time_s")), 1e-12);
    }

    @Test
    void replayOfALazyTraceWritesItsSeriesOnTheTracesClock() throws IOException {
        Path ts = dir.resolve("replay.csv");
        String trace = "domain cpus=1 invalidation=lazy\nmap 0 1 1048575\nfree 0 @1\nclock 10000000\nmap 0 1 1048575\nclock 25000000\n";
        CliRun r = CliRun.withStdin(trace, "replay", "--timeseries", ts.toString(), "--interval", "10", "-");
        assertEquals(0, r.status(), r::err);
        assertEquals(List.of("1048575", "1048575"), r.outLines().stream().filter(l -> !l.startsWith("#")).toList());
        List<CSVRecord> rows = csv(ts);
        assertEquals(3, rows.size(), "rows at 10 ms, 20 ms and the end, 25 ms");
        assertEquals("1", rows.get(0).get("fq_flushes"), "the timer fired at 10 ms");
    }

    @Test
    void theActorEngineRefusesWhatItDoesNotModel() {
        String[][] cases = {
            // the actor engine caches the kernel's 6 size classes only (SizeClass.CACHED_CLASSES)
            {"--set", "rcache-classes=10"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("simulate", "--engine", "actors", "--cpus", "4", "--ops", "10", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.status(), String.join(" ", c));
            assertTrue(r.err().contains(c[0]) && r.err().contains("--engine reference"), r.err());
        }
    }

    /** Lazy invalidation (per-CPU queues and the one queue) and IRQ CPUs on the actor engine: free-running and in lock-step replay. */
    @Test
    void theActorEngineRunsFlushQueuesAndIrqCpus() {
        for (String mode : new String[] {"lazy", "lazy-single"}) {
            // lazy-single came with v6.7: refused under older presets
            CliRun run = CliRun.of("simulate", "--engine", "actors", "--cpus", "4", "--ops", "200", "--workload", "storage",
                    "--policy", "linux-6.7", "--invalidation", mode, "--irq-cpus", "0");
            assertEquals(0, run.status(), run::err);
            assertTrue(run.out().contains("flush-queue IOTLB flushes"), run.out());
            String trace = "domain cpus=2 invalidation=" + mode + "\nmap 0 1 1048575\nfree 1 @1\nclock 1000000000\nmap 1 1 1048575\n";
            CliRun reference = CliRun.withStdin(trace, "replay", "--policy", "linux-6.7", "--engine", "reference", "-");
            CliRun actors = CliRun.withStdin(trace, "replay", "--policy", "linux-6.7", "--engine", "actors", "-");
            assertEquals(0, reference.status(), reference::err);
            assertEquals(0, actors.status(), actors::err);
            assertEquals(reference.out(), actors.out(), mode);
        }
    }

    /** replay --engine actors --timeseries, in one JVM and over two (--nodes 2): the reference engine's CSV, byte for byte. */
    @Test
    void actorReplayWritesTheReferenceTimeSeries() throws Exception {
        String trace = "domain cpus=2 invalidation=lazy\nmap 0 1 1048575\nfree 1 @1\nclock 20000000\nmap 1 1 1048575\n"
                + "map 0 64 1048575\nclock 35000000\nfree 0 @3\n";
        for (String engine : new String[] {"reference", "actors"}) {
            CliRun r = CliRun.withStdin(trace, "replay", "--engine", engine, "--interval", "10", "--timeseries",
                    dir.resolve(engine + ".csv").toString(), "-");
            assertEquals(0, r.status(), r::err);
        }
        assertEquals(java.nio.file.Files.readString(dir.resolve("reference.csv")), java.nio.file.Files.readString(dir.resolve("actors.csv")));
        CliRun nodes = CliRun.withStdin(trace, "replay", "--engine", "actors", "--nodes", "2", "--interval", "10",
                "--timeseries", dir.resolve("nodes.csv").toString(), "-");
        assertEquals(0, nodes.status(), nodes::err);
        assertEquals(java.nio.file.Files.readString(dir.resolve("reference.csv")), java.nio.file.Files.readString(dir.resolve("nodes.csv")));
    }

    /** --arch x86 makes every preset lazy, as x86 kernels are by default; --invalidation and --set still win. */
    @Test
    void archPicksTheKernelsDefaultUnmapMode() {
        String[] run = {"simulate", "--engine", "reference", "--workload", "storage:gap-ns=20000", "--cpus", "8",
            "--ops", "2000", "--policy", "linux-6.1,linux-6.7"};
        CliRun x86 = CliRun.of(concat(run, "--arch", "x86"));
        assertEquals(0, x86.status(), x86::err);
        assertTrue(x86.out().contains("linux-6.1+invalidation=lazy") && x86.out().contains("linux-6.7+invalidation=lazy"), x86.out());
        assertTrue(x86.out().contains("flush-queue IOTLB flushes"), x86.out());
        CliRun arm = CliRun.of(concat(run, "--arch", "arm64"));
        assertEquals(0, arm.status(), arm::err);
        assertEquals(figures(CliRun.of(run).out()), figures(arm.out()), "arm64 is the default");
        assertTrue(arm.out().contains("engine: reference") && !arm.out().contains("invalidation=lazy"), arm.out());
        CliRun strict = CliRun.of(concat(run, "--arch", "x86", "--set", "invalidation=strict"));
        assertEquals(figures(arm.out()), figures(strict.out()), "--set wins over --arch");
    }

    /** The report's lines that do not depend on wall time. */
    private static List<String> figures(String out) {
        return out.lines().filter(l -> !l.contains("/ s") && !l.contains("wall") && !l.contains("/s")).toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        String[][] cases = {
            {"--invalidation", "deferred", "--invalidation: unknown invalidation mode 'deferred'"},
            {"--irq-cpus", "0-8", "--irq-cpus: '0-8': CPU 8 does not exist"},
            {"--interval", "5", "--interval: needs --timeseries FILE"},
            {"--arch", "sparc", "--arch: unknown architecture 'sparc' (known: arm64, x86)"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("simulate", "--engine", "reference", "--cpus", "8", "--ops", "10", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.status(), c[0]);
            assertTrue(r.err().contains(c[2]), r.err());
        }
    }

    /** docs/timeseries.md lists every column, in order, with its unit and type. */
    @Test
    void timeseriesDocListsEveryColumn() throws IOException {
        String doc = Files.readString(ExamplesReplayCliTest.examples().resolveSibling("docs").resolve("timeseries.md"));
        List<String> documented = doc.lines().filter(l -> l.startsWith("| `")).map(l -> l.substring(3, l.indexOf('`', 3))).toList();
        assertEquals(List.of(Column.header()), documented);
    }

    /**
     * simulate --engine actors --timeseries, free-running with a barrier per row: on one CPU the
     * reference engine's CSV byte for byte; on four with IRQ CPUs and lazy invalidation a row per
     * interval and the barriers in the summary. Two engines into one file are refused.
     */
    @Test
    void freeRunningActorsWriteATimeSeries() throws IOException {
        for (String engine : new String[] {"reference", "actors"}) {
            CliRun r = CliRun.of("simulate", "--engine", engine, "--workload", "storage:gap-ns=20000", "--cpus", "1",
                    "--ops", "2000", "--policy", "linux-6.1", "--timeseries", dir.resolve(engine + ".csv").toString(),
                    "--interval", "5");
            assertEquals(0, r.status(), r::err);
        }
        assertEquals(Files.readString(dir.resolve("reference.csv")), Files.readString(dir.resolve("actors.csv")));
        assertEquals(8, csv(dir.resolve("actors.csv")).size(), "2000 ops x 20 us = 40 ms: 8 rows");

        Path ts = dir.resolve("lazy.csv");
        CliRun lazy = CliRun.of("simulate", "--engine", "actors", "--workload", "storage:gap-ns=20000", "--cpus", "4",
                "--ops", "1000", "--policy", "linux-6.7", "--invalidation", "lazy", "--irq-cpus", "0",
                "--timeseries", ts.toString(), "--interval", "5");
        assertEquals(0, lazy.status(), lazy::err);
        assertTrue(lazy.out().contains("barriers (CPUs stopped for a row)"), lazy.out());
        List<CSVRecord> rows = csv(ts);
        assertTrue(rows.size() >= 4, "about 20 ms in 5 ms rows: " + rows.size());
        assertEquals(0.005, Double.parseDouble(rows.get(0).get("sim_time_s")), 1e-12);

        CliRun both = CliRun.of("simulate", "--engine", "reference,actors", "--cpus", "2", "--ops", "10",
                "--timeseries", dir.resolve("both.csv").toString());
        assertEquals(ExitCodes.USAGE, both.status(), both::err);
        assertTrue(both.err().contains("--timeseries: name one engine"), both.err());
    }
}
