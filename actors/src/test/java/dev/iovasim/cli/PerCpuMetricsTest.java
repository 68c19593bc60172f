package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.cluster.FreePorts;
import dev.iovasim.metrics.Json;
import dev.iovasim.metrics.Scrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-per-cpu} on the actor engine: scraped during the hold, each CPU's counters are
 * on its own {@code cpu="N"} series, the tree owner's on {@code cpu=""}, and the sums equal the
 * run's report; the latency histograms and size classes carry no {@code cpu}. The reference
 * engine, which keeps no per-CPU figures, refuses the flag.
 */
class PerCpuMetricsTest {
    private static final Set<String> FOUR_CPUS = Set.of("", "0", "1", "2", "3");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void replayOnTheActorEngineLabelsEachCpusCounters() throws Exception {
        Path out = dir.resolve("out.txt");
        String trace = ConformanceSet.extract("c1-basic.trace.xz", dir).toString();
        Scrape s = scrapeDuringTheHold("replay", trace, "--engine", "actors", "--policy", "linux-4.14", "--out", out.toString());
        String summary = Files.readAllLines(out).stream().filter(l -> l.startsWith("# allocs ")).findFirst().orElseThrow();
        long allocs = Long.parseLong(summary.split(" ")[2]);
        Map<String, Double> byCpu = byCpu(s, "iovasim_allocations_total");
        assertEquals(FOUR_CPUS, byCpu.keySet(), "c1-basic's 4 CPUs and the figures of none: " + byCpu);
        assertEquals(0, byCpu.get(""), "allocations are counted by the CPU actors: " + byCpu);
        assertTrue(byCpu.values().stream().filter(v -> v > 0).count() > 1, "more than one CPU allocated: " + byCpu);
        assertEquals(allocs, (long) s.sum("iovasim_allocations_total"), summary);
        assertEquals(Long.parseLong(summary.split(" ")[6]), (long) (s.sum("iovasim_allocations_total", "outcome", "rcache")
                + s.sum("iovasim_allocations_total", "outcome", "depot")), summary);
        assertNoCpuLabel(s, "iovasim_size_class_allocations_total");
    }

    @Test
    @Timeout(120)
    void simulateOnTheActorEngineLabelsEachCpusCountersAndTheTreeOwnersNone() throws Exception {
        Path json = dir.resolve("run.json");
        Scrape s = scrapeDuringTheHold("simulate", "--engine", "actors", "--workload", "sac-pressure", "--policy", "linux-4.14",
                "--cpus", "4", "--ops", "2000", "--json", json.toString());
        Map<String, Object> report = report(json);
        Map<String, Double> allocations = byCpu(s, "iovasim_allocations_total");
        assertEquals(FOUR_CPUS, allocations.keySet(), allocations.toString());
        assertEquals(0, allocations.get(""), "allocations are counted where the CPUs live: " + allocations);
        assertEquals(number(report, "allocs"), (long) s.sum("iovasim_allocations_total"), "the sum over cpu is the report's");
        Map<String, Double> flushes = byCpu(s, "iovasim_flushes_total");
        assertTrue(number(report, "flushes") > 0, "linux-4.14 flushes under sac-pressure");
        assertEquals(number(report, "flushes"), flushes.get("").longValue(), "flushes are the tree owner's, on cpu=\"\": " + flushes);
        assertEquals(number(report, "flushes"), (long) s.sum("iovasim_flushes_total"), "and on no CPU's: " + flushes);
        assertEquals(number(report, "allocs"), (long) s.sum("iovasim_allocation_latency_seconds_count"), "one latency per allocation");
        assertNoCpuLabel(s, "iovasim_allocation_latency_seconds_count");
        assertNoCpuLabel(s, "iovasim_size_class_allocations_total");
    }

    @Test
    void theReferenceEngineRefusesPerCpuLabelsNamingTheFlag() throws IOException {
        String trace = ConformanceSet.extract("c1-basic.trace.xz", dir).toString();
        assertRefused("replay", trace, "--out", dir.resolve("out.txt").toString(), "--metrics-port", "0", "--metrics-per-cpu");
        assertRefused("simulate", "--engine", "reference", "--cpus", "2", "--ops", "10", "--metrics-port", "0", "--metrics-per-cpu");
    }

    private void assertRefused(String... args) {
        console.errBuffer().reset();
        assertEquals(ExitCodes.USAGE, Main.run(args), String.join(" ", args));
        String err = console.err();
        assertTrue(err.contains("error: --metrics-per-cpu: the reference engine counts all CPUs together"), err);
        assertTrue(!err.contains("metrics: serving"), "refused before serving: " + err);
    }

    /** Runs the command with per-CPU metrics on a free port, held until scraped, and scrapes it once the run is over. */
    private Scrape scrapeDuringTheHold(String... command) throws Exception {
        int port = FreePorts.one();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--metrics-port", Integer.toString(port), "--metrics-host", "127.0.0.1", "--metrics-per-cpu",
                "--hold-metrics", "600"));
        AtomicInteger status = new AtomicInteger(-1);
        Thread run = new Thread(() -> status.set(Main.run(args.toArray(String[]::new))), command[0]);
        run.start();
        try {
            while (!console.err().contains("metrics: holding")) {
                assertTrue(run.isAlive(), "ended before holding: " + console.err());
                Thread.sleep(20);
            }
            return Scrape.fetch("http://127.0.0.1:" + port + "/metrics");
        } finally {
            run.interrupt();
            run.join();
            assertEquals(0, status.get(), console.err());
        }
    }

    /** The samples called {@code name} summed by their {@code cpu} label (every sample must have one). */
    private static Map<String, Double> byCpu(Scrape s, String name) {
        Map<String, Double> out = new TreeMap<>();
        for (Scrape.Sample x : s.samples()) {
            if (!x.name().equals(name)) continue;
            String cpu = x.labels().get("cpu");
            assertTrue(cpu != null, name + " without a cpu label: " + x);
            out.merge(cpu, x.value(), Double::sum);
        }
        return out;
    }

    private static void assertNoCpuLabel(Scrape s, String name) {
        assertTrue(s.samples().stream().anyMatch(x -> x.name().equals(name)), "no " + name);
        for (Scrape.Sample x : s.samples()) {
            if (x.name().equals(name)) assertTrue(!x.labels().containsKey("cpu"), name + " never carries cpu: " + x);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(Path json) throws IOException {
        Map<String, Object> top = (Map<String, Object>) Json.parse(Files.readString(json));
        return (Map<String, Object>) ((List<Object>) top.get("runs")).get(0);
    }

    private static long number(Map<String, Object> report, String key) {
        return ((Number) report.get(key)).longValue();
    }
}
