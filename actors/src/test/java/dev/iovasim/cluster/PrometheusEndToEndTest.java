package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iovasim.metrics.DashboardQueries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree node and two cpu nodes as separate JVMs, each serving /metrics, scraped by a real
 * Prometheus; after the run, the sum over nodes of each counter, and of each histogram's count, equals
 * the tree node's report; and every query of the Grafana dashboard, evaluated by that Prometheus
 * over the run, returns finite data.
 */
class PrometheusEndToEndTest {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final long WAIT_MS = 120_000;

    @TempDir
    Path dir;
    /**
     * Operations per CPU: enough that the run spans several 1 s scrapes. The dashboard's rate
     * panels need two samples of a moving counter; a run shorter than a scrape interval can show
     * its counters first at their final values (rate 0, so the hit-rate ratio has nothing to
     * divide), as it did once in a full suite on a loaded machine with 300.
     */
    private static final int OPS = 1500;

    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) p.destroyForcibly();
        for (Process p : started) p.waitFor();
    }

    @Test
    @Timeout(240)
    void scrapedTotalsEqualTheRunReport() throws Exception {
        long startSeconds = System.currentTimeMillis() / 1000 - 1;
        if (!Files.isExecutable(PROMETHEUS)) {
            if ("true".equals(System.getenv("CI"))) fail("CI=true but " + PROMETHEUS + " is missing");
            assumeTrue(false, PROMETHEUS + " is not installed");
        }
        int[] ports = FreePorts.distinct(5);
        int seed = ports[0];
        int[] metrics = {ports[1], ports[2], ports[3]};
        int prom = ports[4];
        startPrometheus(prom, metrics);
        Path report = dir.resolve("report.txt");
        start(report, node("tree", "tree", metrics[0], "--port", "" + seed, "--cpu-nodes", "2", "--cpus", "16",
                "--policy", "linux-4.14", "--workload", "sac-pressure", "--ops", "" + OPS));
        for (int i = 1; i <= 2; i++) {
            start(dir.resolve("cpus-" + i + ".txt"), node("cpus", "cpus-" + i, metrics[i], "--port", "0",
                    "--seed-node", "127.0.0.1:" + seed));
        }
        String table = awaitReport(report);
        long allocations = row(table, "allocations");
        long flushes = row(table, "flushes");
        long flushed = row(table, "pfns flushed");
        assertTrue(allocations > 0 && flushes > 0, table);
        // each node publishes when its part is done: wait for a scrape after the last publication
        awaitSum(prom, "sum(iovasim_allocations_total)", allocations);
        awaitSum(prom, "sum(iovasim_flushes_total)", flushes);
        awaitSum(prom, "sum(iovasim_flushed_pfns_total)", flushed);
        awaitSum(prom, "sum(iovasim_flush_latency_seconds_count{node=\"tree\"})", flushes);
        awaitSum(prom, "sum(iovasim_flush_returned_pfns_sum{node=\"tree\"})", flushed);
        awaitSum(prom, "sum(iovasim_allocation_latency_seconds_count{node=~\"cpus-.*\"})", allocations);
        assertEquals(allocations, query(prom, "sum(iovasim_allocations_total{node=~\"cpus-.*\"})"),
                "allocations are counted where the CPUs live");
        assertEquals(flushes, query(prom, "sum(iovasim_flushes_total{node=\"tree\"})"), "flushes on the tree node");
        assertEquals(2, query(prom, "count(count by (node) (iovasim_allocations_total{node=~\"cpus-.*\"}))"),
                "both cpu nodes were scraped");
        // the Grafana dashboard: every panel's query over this run returns finite data
        new DashboardQueries(prom).checkAll(startSeconds);
    }

    private List<String> node(String role, String name, int metricsPort, String... more) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "-Xmx256m", TestJvms.SHORT_LIVED, "-cp", System.getProperty("java.class.path"),
                "dev.iovasim.cli.Main", "node",
                "--role", role, "--node-name", name, "--host", "127.0.0.1", "--metrics-port", "" + metricsPort,
                "--metrics-host", "127.0.0.1", "--hold-metrics", "120",
                LocalCluster.PARENT_PID_FLAG, "" + ProcessHandle.current().pid()));
        cmd.addAll(List.of(more));
        return cmd;
    }

    private void start(Path out, List<String> cmd) throws IOException {
        started.add(new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(Path.of(out + ".err").toFile()).start());
    }

    private void startPrometheus(int port, int[] targets) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int t : targets) list.append(list.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(t).append("'");
        Path conf = dir.resolve("prometheus.yml");
        Files.writeString(conf, "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
                + "scrape_configs:\n  - job_name: iovasim\n    static_configs: [{targets: [" + list + "]}]\n");
        start(dir.resolve("prometheus.txt"), List.of(PROMETHEUS.toString(), "--config.file=" + conf,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port));
    }

    private String awaitReport(Path report) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            String s = Files.exists(report) ? Files.readString(report) : "";
            if (s.contains("ops / s")) return s;
            if (!started.get(1).isAlive()) fail("the tree node exited: " + Files.readString(Path.of(report + ".err")));
            Thread.sleep(200);
        }
        return fail("no report from the tree node within " + WAIT_MS + " ms: " + Files.readString(Path.of(report + ".err")));
    }

    /** The first number on the table row named {@code label}. */
    private static long row(String table, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " {2,}([0-9,]+)").matcher(table);
        assertTrue(m.find(), "row '" + label + "' in " + table);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private void awaitSum(int prom, String q, long want) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        long got = -1;
        while (System.currentTimeMillis() < deadline) {
            got = query(prom, q);
            if (got == want) return;
            Thread.sleep(500);
        }
        assertEquals(want, got, q + " never reached the report's figure");
    }

    private long query(int prom, String q) throws InterruptedException {
        URI u = URI.create("http://127.0.0.1:" + prom + "/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        try {
            String body = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9.e+]+)\"\\]").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

}
