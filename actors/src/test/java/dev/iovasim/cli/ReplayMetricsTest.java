package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.metrics.Scrape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --metrics-port P --hold-metrics S}: a scrape during the hold sees the summary's totals. */
class ReplayMetricsTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStandardError() {
        savedErr = System.err;
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(savedErr);
    }

    @Test
    void aScrapeDuringTheHoldSeesTheSummarysTotals(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        int port = freePort();
        String trace = ConformanceSet.extract("c5-fail.trace.xz", dir).toString();
        AtomicInteger status = new AtomicInteger(-1);
        Thread run = new Thread(() -> status.set(Main.run("replay", trace, "--policy", "linux-6.1", "--out", out.toString(),
                "--metrics-port", Integer.toString(port), "--metrics-host", "127.0.0.1", "--hold-metrics", "600")));
        run.start();
        try {
            awaitHold(run);
            String summary = Files.readAllLines(out).stream().filter(l -> l.startsWith("# allocs ")).findFirst().orElseThrow();
            String[] f = summary.split(" ");
            Scrape s = Scrape.fetch("http://127.0.0.1:" + port + "/metrics");
            String[] local = {"node", "local", "policy", "linux-6.1"};
            assertEquals(Long.parseLong(f[2]), (long) s.sum("iovasim_allocations_total", local), summary);
            assertEquals(Long.parseLong(f[4]), (long) s.sum("iovasim_allocations_total", with(local, "outcome", "failed")), summary);
            assertEquals(Long.parseLong(f[6]), (long) (s.sum("iovasim_allocations_total", with(local, "outcome", "rcache"))
                    + s.sum("iovasim_allocations_total", with(local, "outcome", "depot"))), summary);
            assertEquals(Long.parseLong(f[8]), (long) s.sum("iovasim_flushes_total", local), summary);
            assertEquals(Long.parseLong(f[10]), (long) s.sum("iovasim_flushed_pfns_total", local), summary);
            assertEquals(Long.parseLong(f[8]), (long) s.sum("iovasim_flush_returned_pfns_count", local), "one observation per flush");
            assertTrue(Long.parseLong(f[8]) > 0 && Long.parseLong(f[4]) > 0, "the trace fails and flushes: " + summary);
            // the serializer's refusals: a counter of the whole JVM, which other tests in it move
            long before = dev.iovasim.cluster.WireStats.refusedMessages();
            long scraped = (long) Scrape.fetch("http://127.0.0.1:" + port + "/metrics")
                    .sum("iovasim_wire_refused_messages_total", "node", "local", "policy", "");
            long after = dev.iovasim.cluster.WireStats.refusedMessages();
            assertTrue(before <= scraped && scraped <= after, before + " <= " + scraped + " <= " + after);
        } finally {
            run.interrupt();
            run.join();
        }
        assertEquals(0, status.get(), errBytes.toString(StandardCharsets.UTF_8));
        assertThrows(ConnectException.class, () -> Scrape.fetch("http://127.0.0.1:" + port + "/metrics"),
                "the server stops when the hold ends");
    }

    @Test
    void withoutAPortNothingListensAndTheOutputIsUnchanged(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.txt");
        Path served = dir.resolve("served.txt");
        String trace = ConformanceSet.extract("c1-basic.trace.xz", dir).toString();
        assertEquals(0, Main.run("replay", trace, "--out", plain.toString()));
        assertEquals(0, Main.run("replay", trace, "--out", served.toString(), "--metrics-port", "0", "--metrics-host", "127.0.0.1"));
        assertEquals(Files.readAllLines(plain), Files.readAllLines(served));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("metrics: serving http://127.0.0.1:"), errBytes.toString());
    }

    @Test
    void badMetricsFlagsExitTwoNamingTheFlag(@TempDir Path dir) throws IOException {
        String trace = ConformanceSet.extract("c1-basic.trace.xz", dir).toString();
        assertUsage("--hold-metrics: needs --metrics-port", "replay", trace, "--hold-metrics", "5");
        assertUsage("--hold-metrics: must be 0 or more", "replay", trace, "--metrics-port", "0", "--hold-metrics", "-1");
        assertUsage("--metrics-port: must be in 0..65535", "replay", trace, "--metrics-port", "70000");
        assertUsage("--metrics-per-cpu: needs --metrics-port", "replay", trace, "--metrics-per-cpu");
        assertUsage("--metrics-per-cpu: needs --metrics-port", "simulate", "--cpus", "2", "--ops", "10", "--metrics-per-cpu");
        assertUsage("--hold-metrics: needs --metrics-port", "simulate", "--cpus", "2", "--ops", "10", "--hold-metrics", "5");
        // an address of no local interface (TEST-NET-1, no name lookup involved)
        assertUsage("--metrics-port 0: cannot listen on 192.0.2.1:0", "replay", trace, "--metrics-port", "0", "--metrics-host", "192.0.2.1");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertUsage("--metrics-port " + taken.getLocalPort() + ": cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "replay", trace, "--metrics-port", Integer.toString(taken.getLocalPort()), "--metrics-host", "127.0.0.1");
        }
    }

    private void assertUsage(String message, String... args) {
        errBytes.reset();
        assertEquals(ExitCodes.USAGE, Main.run(args), String.join(" ", args));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("error: " + message), err);
    }

    /** Waits until the run has published and is holding; fails at once if the replay ends instead. */
    private void awaitHold(Thread run) throws InterruptedException {
        while (!errBytes.toString(StandardCharsets.UTF_8).contains("metrics: holding")) {
            assertTrue(run.isAlive(), "replay ended before holding: " + errBytes.toString(StandardCharsets.UTF_8));
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String[] with(String[] base, String key, String value) {
        String[] out = java.util.Arrays.copyOf(base, base.length + 2);
        out[base.length] = key;
        out[base.length + 1] = value;
        return out;
    }
}
