package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iovasim.cluster.FreePorts;
import dev.iovasim.metrics.Json;
import dev.iovasim.metrics.Scrape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --engine actors --metrics-port P}: scraped while the run goes, the counters and
 * histograms already move (each node publishes its share about once a second); after the run,
 * during the hold, each equals the report's figure. A scrape whose allocation count is below the
 * final one was taken before the run's end, so whatever else it shows was published while the
 * run went.
 */
class SimulateMetricsTest {
    private static final Pattern CPU_NODE_METRICS = Pattern.compile("\\[cpus-1] metrics: serving (http://\\S+)");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    /**
     * One scrape's figures: allocations, flushes, the tree-size gauge, and the counts of the
     * allocation and flush latency histograms (0 when not there yet).
     */
    private record Seen(double allocations, double flushes, double treeNodes, double allocationLatencies,
                        double flushLatencies) {
        static Seen of(Scrape s) {
            return new Seen(sum(s, "iovasim_allocations_total"), sum(s, "iovasim_flushes_total"), sum(s, "iovasim_tree_nodes"),
                    sum(s, "iovasim_allocation_latency_seconds_count"), sum(s, "iovasim_flush_latency_seconds_count"));
        }
    }

    @Test
    @Timeout(180)
    void oneJvmFiguresMoveDuringTheRunAndEqualTheReportAfterIt() throws Exception {
        // 6 million operations under a flushing policy: seconds, even on a fast machine
        Run run = start("--cpus", "4", "--ops", "1500000", "--policy", "linux-4.14");
        String url = run.url();
        try {
            List<Seen> during = new ArrayList<>();
            while (!run.holding()) {
                Scrape s = scrapeOrNull(url);
                if (s != null) during.add(Seen.of(s));
                Thread.sleep(50);
            }
            Map<String, Object> report = run.report();
            long allocs = number(report, "allocs");
            Scrape after = Scrape.fetch(url);
            assertEquals(allocs, (long) after.sum("iovasim_allocations_total"), "allocations after the run");
            assertEquals(number(report, "flushes"), (long) after.sum("iovasim_flushes_total"), "flushes after the run");
            assertEquals(number(report, "flushed_pfns"), (long) after.sum("iovasim_flushed_pfns_total"), "flushed pfns");
            assertEquals(number(report, "fanout_messages"), (long) after.sum("iovasim_flush_fanout_messages_total"),
                    "fan-out messages after the run");
            assertTrue(number(report, "flushes") > 0, "linux-4.14 flushes under sac-pressure");
            assertHistogramsEqualTheReport(report, after, after);
            List<Seen> seen = during.stream().distinct().toList();
            assertTrue(during.stream().anyMatch(x -> x.allocations() > 0 && x.allocations() < allocs),
                    "no scrape during the run saw allocations between 0 and the report's " + allocs + ": " + seen);
            assertTrue(during.stream().anyMatch(x -> x.allocations() < allocs && x.treeNodes() > 0),
                    "the tree owner's figures were not published during the run: " + seen);
            // the end's publication takes a while to observe millions of latencies: a scrape may catch it half done
            assertTrue(during.stream().anyMatch(x -> x.allocations() < allocs && x.allocationLatencies() > 0
                            && x.flushLatencies() > 0),
                    "no scrape during the run saw allocation and flush latencies: " + seen);
        } finally {
            run.stop();
        }
        assertEquals(0, run.exitStatus(), console.err());
    }

    @Test
    @Timeout(240)
    void aCpuNodesFiguresMoveDuringAClusterRunAndEqualTheReportAfterIt() throws Exception {
        // one cpu node holds all 4 CPUs; 600,000 operations under a flushing policy take seconds across JVMs
        Run run = start("--nodes", "2", "--cpus", "4", "--ops", "150000", "--policy", "linux-4.14");
        String treeUrl = run.url();
        try {
            String cpuUrl = null;
            // tree first, then the cpu node: a cpu-node count below the final one means the tree's was live too
            List<Seen[]> during = new ArrayList<>();
            while (!run.holding()) {
                if (cpuUrl == null) cpuUrl = cpuNodeUrl();
                Scrape tree = scrapeOrNull(treeUrl);
                Scrape cpus = cpuUrl == null ? null : scrapeOrNull(cpuUrl);
                if (tree != null && cpus != null) during.add(new Seen[] {Seen.of(tree), Seen.of(cpus)});
                Thread.sleep(50);
            }
            Map<String, Object> report = run.report();
            long allocs = number(report, "allocs");
            Scrape cpus = Scrape.fetch(cpuUrl);
            Scrape tree = Scrape.fetch(treeUrl);
            assertEquals(allocs, (long) cpus.sum("iovasim_allocations_total"), "allocations are counted where the CPUs live");
            assertEquals(0, (long) tree.sum("iovasim_allocations_total"), "none on the tree node");
            assertTrue(number(report, "flushes") > 0, "linux-4.14 flushes under sac-pressure");
            assertHistogramsEqualTheReport(report, tree, cpus);
            assertEquals(0, (long) sum(tree, "iovasim_allocation_latency_seconds_count"), "no allocation latency on the tree node");
            assertEquals(0, (long) sum(cpus, "iovasim_flush_latency_seconds_count"), "no flush latency on a cpu node");
            List<String> seen = during.stream().map(x -> x[0] + " " + x[1]).distinct().toList();
            assertTrue(during.stream().anyMatch(x -> x[1].allocations() > 0 && x[1].allocations() < allocs),
                    "no scrape of the cpu node during the run saw allocations between 0 and " + allocs + ": " + seen);
            assertTrue(during.stream().anyMatch(x -> x[1].allocations() < allocs && x[1].allocationLatencies() > 0),
                    "no scrape of the cpu node during the run saw allocation latencies: " + seen);
            assertTrue(during.stream().anyMatch(x -> x[0].treeNodes() > 0 && x[1].allocations() < allocs),
                    "the tree node published nothing during the run: " + seen);
        } finally {
            run.stop();
        }
        assertEquals(0, run.exitStatus(), console.err());
    }

    /**
     * After the run: flush latency and flush sizes on the node of the tree owner, one observation
     * per flush (the sizes summing to the flushed pfns); allocation latency where the CPUs live,
     * one per allocation.
     */
    private static void assertHistogramsEqualTheReport(Map<String, Object> report, Scrape tree, Scrape cpus) {
        long flushes = number(report, "flushes");
        assertEquals(flushes, (long) tree.sum("iovasim_flush_latency_seconds_count"), "flush latency count");
        assertEquals(flushes, (long) tree.sum("iovasim_flush_returned_pfns_count"), "flush returned pfns count");
        assertEquals(number(report, "flushed_pfns"), (long) tree.sum("iovasim_flush_returned_pfns_sum"),
                "flush returned pfns sum");
        assertTrue(tree.sum("iovasim_flush_latency_seconds_sum") > 0, "flushes take time");
        assertEquals(number(report, "allocs"), (long) cpus.sum("iovasim_allocation_latency_seconds_count"),
                "allocation latency count, all outcomes");
    }

    /**
     * {@code simulate --engine actors} with these flags in a thread, serving metrics on a free port
     * and holding them until stopped, its report written as JSON.
     */
    private Run start(String... flags) throws IOException {
        int port = FreePorts.one();
        Path json = dir.resolve("run.json");
        List<String> args = new ArrayList<>(List.of("simulate", "--engine", "actors", "--workload", "sac-pressure",
                "--json", json.toString(), "--metrics-port", Integer.toString(port), "--metrics-host", "127.0.0.1",
                "--hold-metrics", "600"));
        args.addAll(List.of(flags));
        AtomicInteger status = new AtomicInteger(-1);
        Thread t = new Thread(() -> status.set(Main.run(args.toArray(String[]::new))), "simulate");
        t.start();
        return new Run(t, status, port, json, console.errBuffer());
    }

    /** A simulate command running in {@code thread}; {@code err} is where its standard error goes. */
    private record Run(Thread thread, AtomicInteger status, int port, Path json, ByteArrayOutputStream err) {
        /** This JVM's /metrics (the tree node's in a cluster). */
        String url() {
            return "http://127.0.0.1:" + port + "/metrics";
        }

        /** The run's report, once written. */
        @SuppressWarnings("unchecked")
        Map<String, Object> report() throws IOException {
            Map<String, Object> top = (Map<String, Object>) Json.parse(Files.readString(json));
            return (Map<String, Object>) ((List<Object>) top.get("runs")).get(0);
        }

        /** The run is over and its node holds its final figures; fails if the command ended instead. */
        boolean holding() {
            String text = err.toString(StandardCharsets.UTF_8);
            if (text.lines().anyMatch(l -> l.startsWith("metrics: holding"))) return true;
            if (!thread.isAlive()) fail("simulate ended before holding its metrics: " + text);
            return false;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        int exitStatus() {
            return status.get();
        }
    }

    private String cpuNodeUrl() {
        Matcher m = CPU_NODE_METRICS.matcher(console.err());
        return m.find() ? m.group(1) : null;
    }

    /** A scrape, or null while the server is not up yet. */
    private static Scrape scrapeOrNull(String url) throws InterruptedException {
        try {
            return Scrape.fetch(url);
        } catch (IOException e) {
            return null;
        }
    }

    /** The sum of every sample called {@code name}; 0 before anything was published. */
    private static double sum(Scrape s, String name) {
        return s.samples().stream().filter(x -> x.name().equals(name)).mapToDouble(Scrape.Sample::value).sum();
    }

    private static long number(Map<String, Object> report, String key) {
        return ((Number) report.get(key)).longValue();
    }
}
