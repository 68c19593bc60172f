package dev.iovasim.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iovasim.cluster.TestJvms;
import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * docker-compose.yml brought up for real: a tree node, three cpu-node containers and Prometheus
 * (images built locally, see docs/compose.md), 128 simulated CPUs. Prometheus's view of every
 * node must add up to the tree node's final report; a cpu container killed mid-run is a CPU
 * hot-unplug the run survives; {@code down} leaves nothing behind. Skipped only where no container
 * engine is installed (failed instead under CI=true).
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class ComposeClusterIT {
    static final int CPU_NODES = 3;
    static final int CPUS = 128;
    /** From {@code up -d} returning to Prometheus's first successful scrape of every node (images cached). */
    static final Duration FIRST_SCRAPE = Duration.ofSeconds(60);
    static final Duration RUN_LIMIT = Duration.ofSeconds(150);

    static Path root;
    static Path dir;
    static ContainerEngine engine;
    static String nodeImage;
    static String nodeJavaOptions;
    private static final Set<Integer> GIVEN_PORTS = new HashSet<>();

    @BeforeAll
    static void engine() throws Exception {
        root = ProjectFiles.root();
        if (!Files.isRegularFile(root.resolve("actors/target/iovasim.jar"))) {
            fail("actors/target/iovasim.jar is missing: this test runs after `package` (mvn verify)");
        }
        dir = Files.createTempDirectory("iovasim-compose-it");
        engine = ContainerEngine.require(root, dir);
        // an image name of this run's own: another checkout's test may build its jar at the same time
        nodeImage = "localhost/iovasim-node:it-" + ProcessHandle.current().pid();
        // the compose file's own node JVM options, plus the short-lived JVMs' flag
        Matcher jvm = Pattern.compile("\\$\\{IOVASIM_NODE_JAVA_OPTIONS:-(.*)}")
                .matcher(Files.readString(root.resolve("docker-compose.yml")));
        assertTrue(jvm.find(), "docker-compose.yml's default node JVM options");
        nodeJavaOptions = jvm.group(1) + " " + TestJvms.SHORT_LIVED;
        // once for the class, not by every project's `up --build`: each project runs the same jar,
        // and even a cached rebuild (of the tree and cpus services) took seconds
        new ComposeProject(root, "iovasimit" + ProcessHandle.current().pid() + "build", engine,
                Map.of("IOVASIM_IMAGE", nodeImage)).build();
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (engine == null) return;
        try {
            Commands.run(root, Map.of(), Duration.ofSeconds(60), "podman", "rmi", "--force", nodeImage);
        } finally {
            engine.close();
        }
    }

    @Test
    void directFanOutCountersEqualTheReport() throws Exception {
        countersEqualTheReport("direct");
    }

    @Test
    void perNodeFanOutCountersEqualTheReport() throws Exception {
        countersEqualTheReport("per-node");
    }

    private void countersEqualTheReport(String fanout) throws Exception {
        int[] ports = freePorts(2);
        // 20 operations per CPU: about 1,000 flushes and 2,600 allocations (the reference engine,
        // same seed), plenty for counters that must add up to the report; 60 took twice as long
        ComposeProject p = project(fanout.replace("-", ""), fanout, 20, ports);
        PrometheusApi prom = new PrometheusApi(ports[1]);
        try {
            upAndAwaitScrapes(p, prom);
            String report = awaitReport(p);
            assertTrue(report.contains("cluster nodes       " + (CPU_NODES + 1) + " (fan-out " + fanout + ")"), report);
            assertTrue(report.contains("lost CPUs           none"), report);
            assertEquals("ok", rowText(report, "conservation"), report);
            long allocations = row(report, "allocations");
            long flushes = row(report, "flushes");
            long flushed = row(report, "pfns flushed");
            assertTrue(allocations > 0 && flushes > 0, report);
            // every node publishes its final figures when its part ends: wait for the scrape after that
            Map<String, Double> perNode = awaitSum(prom, "sum by (node) (iovasim_allocations_total)", allocations);
            assertEquals(CPU_NODES + 1, perNode.size(), "every node's allocations counter: " + perNode);
            perNode.forEach((node, n) -> {
                if (!node.equals("tree")) assertTrue(n > 0, "cpu node " + node + " allocated nothing: " + perNode);
            });
            assertEquals(0.0, perNode.get("tree"), "allocations are counted where the CPUs live: " + perNode);
            awaitSum(prom, "sum by (node) (iovasim_flushes_total)", flushes);
            awaitSum(prom, "sum by (node) (iovasim_flushed_pfns_total)", flushed);
            awaitSum(prom, "sum by (node) (iovasim_flush_latency_seconds_count{node=\"tree\"})", flushes);
        } finally {
            downAndCheckNothingLeft(p);
        }
    }

    /**
     * kill -9 of a cpu container during the run: the tree node unplugs its CPUs, reclaims what they
     * held, and the run ends conserved; Prometheus sees that node's target go down. It runs beside
     * the counting projects (they run one after the other): much of its time is waiting, for the
     * run to show, for a DNS refresh, for the 20 s heartbeat pause, so the two overlap well.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aKilledCpuContainerIsALossTheRunSurvives() throws Exception {
        int[] ports = freePorts(2);
        ComposeProject p = project("lost", "direct", 400, ports);
        PrometheusApi prom = new PrometheusApi(ports[1]);
        try {
            upAndAwaitScrapes(p, prom);
            String victim = p.container("cpus", 2);
            String address = p.address(victim);
            awaitRunning(p, prom);
            // right after a DNS refresh the lost target stays listed a whole refresh interval
            // (10 s in node-config/prometheus.yml), two scrape intervals: its failed scrapes show
            double lookups = prom.dnsLookups();
            long deadline = System.currentTimeMillis() + 20_000;
            while (prom.dnsLookups() == lookups && System.currentTimeMillis() < deadline) Thread.sleep(50);
            p.kill(victim);
            String report = awaitReport(p);
            Matcher lost = Pattern.compile("lost CPUs {11}(\\d+) \\(([0-9,-]+): their node left the cluster\\)").matcher(report);
            assertTrue(lost.find(), "the report names the lost CPUs:\n" + report);
            int lostCpus = Integer.parseInt(lost.group(1));
            assertTrue(lostCpus >= CPUS / CPU_NODES && lostCpus <= CPUS / CPU_NODES + 1,
                    "one cpu node's share of " + CPUS + " CPUs is lost, not " + lostCpus);
            assertTrue(row(report, "reclaimed pfns") > 0, "what the lost CPUs held went back to the tree:\n" + report);
            assertEquals("ok", rowText(report, "conservation"), report);
            String down = "min_over_time(up{job=\"iovasim-cpus\",instance=\"" + address + ":9400\"}[10m])";
            long until = System.currentTimeMillis() + 60_000;
            double up = prom.scalar(down);
            while (up != 0 && System.currentTimeMillis() < until) {
                Thread.sleep(1_000);
                up = prom.scalar(down);
            }
            assertEquals(0.0, up, "Prometheus saw the killed node " + address + " go down (" + down + ")");
        } finally {
            downAndCheckNothingLeft(p);
        }
    }

    private ComposeProject project(String tag, String fanout, int ops, int[] ports) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "IOVASIM_IMAGE", nodeImage,
                "IOVASIM_CPU_NODES", "" + CPU_NODES,
                "IOVASIM_CPUS", "" + CPUS,
                // the 4.14 preset flushes within a few dozen operations per CPU under sac-pressure,
                // so the flush counters and latencies have something to count in a short run
                "IOVASIM_POLICY", "linux-4.14",
                "IOVASIM_OPS", "" + ops,
                "IOVASIM_FANOUT", fanout,
                "IOVASIM_HOLD_METRICS", "600",
                // 2 cores shared with other builds: a starved JVM must not be taken for a lost one
                "IOVASIM_HEARTBEAT_PAUSE", "20s",
                "IOVASIM_TREE_METRICS_PORT", "" + ports[0],
                "PROMETHEUS_PORT", "" + ports[1]));
        settings.put("IOVASIM_NODE_JAVA_OPTIONS", nodeJavaOptions);
        return new ComposeProject(root, "iovasimit" + ProcessHandle.current().pid() + tag, engine, settings);
    }

    /** {@code up} (the node image is built before, once), then every node scraped. */
    private void upAndAwaitScrapes(ComposeProject p, PrometheusApi prom) throws Exception {
        long begun = System.nanoTime();
        p.up(CPU_NODES);
        // counted from the containers' start: on 2 cores shared with other builds `up` itself
        // (network, five containers) has taken over a minute
        long start = System.nanoTime();
        long upSeconds = Duration.ofNanos(start - begun).toSeconds();
        String q = "up{job=~\"iovasim-.*\"} == 1";
        long deadline = start + FIRST_SCRAPE.toNanos();
        Map<String, Double> up = prom.byLabel(q, "instance");
        while (up.size() < CPU_NODES + 1 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            up = prom.byLabel(q, "instance");
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(CPU_NODES + 1, up.size(), "nodes scraped within " + FIRST_SCRAPE.toSeconds() + " s of up returning (up took " + upSeconds + " s): " + up
                + "\ntree node: " + p.logs(p.container("tree", 1)));
        System.out.println(p.name() + ": up took " + upSeconds + " s; every node scraped " + seconds + " s after it");
    }

    /** Until the cpu nodes' allocation counters move: the run phase has begun. */
    private void awaitRunning(ComposeProject p, PrometheusApi prom) throws Exception {
        long deadline = System.currentTimeMillis() + RUN_LIMIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (prom.scalar("sum(iovasim_allocations_total{role=\"cpus\"})") > 0) return;
            String log = p.logs(p.container("tree", 1));
            if (log.contains("ops / s")) fail("the run ended before the kill: make it longer\n" + log);
            Thread.sleep(200);
        }
        fail("the run did not start within " + RUN_LIMIT.toSeconds() + " s:\n" + p.logs(p.container("tree", 1)));
    }

    private String awaitReport(ComposeProject p) throws Exception {
        String tree = p.container("tree", 1);
        long deadline = System.currentTimeMillis() + RUN_LIMIT.toMillis();
        String log = "";
        while (System.currentTimeMillis() < deadline) {
            log = p.logs(tree);
            if (log.contains("reclaimed pfns")) return log;
            // the node's own errors start a line; Akka's warnings may say "error:" mid-line
            if (Pattern.compile("(?m)^error:").matcher(log).find()) fail("the tree node failed:\n" + log);
            Thread.sleep(500);
        }
        return fail("no report from the tree node within " + RUN_LIMIT.toSeconds() + " s:\n" + log);
    }

    /** Polls a per-node query until its sum is {@code want}; returns the per-node values. */
    private static Map<String, Double> awaitSum(PrometheusApi prom, String q, long want) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Map<String, Double> got = prom.byLabel(q, "node");
        while (sum(got) != want && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
            got = prom.byLabel(q, "node");
        }
        assertEquals(want, sum(got), q + " never reached the tree node's report: " + got);
        return got;
    }

    private static long sum(Map<String, Double> m) {
        return Math.round(m.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private static void downAndCheckNothingLeft(ComposeProject p) throws IOException, InterruptedException {
        p.down();
        List<String> left = p.leftovers();
        assertEquals(List.of(), left, "docker-compose down left these behind");
    }

    /** The first number on the report's row {@code label}. */
    private static long row(String report, String label) {
        return Long.parseLong(rowText(report, label).split(" ")[0].replace(",", ""));
    }

    private static String rowText(String report, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " {2,}(\\S.*)$").matcher(report);
        assertTrue(m.find(), "row '" + label + "' in\n" + report);
        return m.group(1).strip();
    }

    /** Free loopback ports, none handed out before in this JVM: two projects may start at once. */
    private static synchronized int[] freePorts(int n) throws IOException {
        List<ServerSocket> open = new ArrayList<>();
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; ) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(s);
                if (GIVEN_PORTS.add(s.getLocalPort())) ports[i++] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) s.close();
        }
        return ports;
    }
}
