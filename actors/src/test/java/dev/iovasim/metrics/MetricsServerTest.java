package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    @Test
    void servesTheRegistryOnAFreePortUntilClosed() throws Exception {
        IovasimMetrics m = new IovasimMetrics("n", false);
        m.publisher("linux-6.7").publish(IovasimMetricsTest.snapshot(9));
        String url;
        try (MetricsServer s = MetricsServer.start(m.registry(), "127.0.0.1", 0)) {
            assertTrue(s.port() > 0, "port 0 binds some free port");
            url = s.url();
            assertEquals("http://127.0.0.1:" + s.port() + "/metrics", url);
            Scrape scrape = Scrape.fetch(url);
            assertEquals(9.0, scrape.sum("iovasim_allocations_total", "node", "n", "policy", "linux-6.7", "outcome", "rcache"));
            assertTrue(scrape.sum("jvm_threads_current") > 0, "JVM metrics on the same page");
        }
        assertThrows(ConnectException.class, () -> Scrape.fetch(url), "closed means closed");
    }

    @Test
    void aBusyPortIsAnErrorNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IovasimMetrics m = new IovasimMetrics("n", false);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> MetricsServer.start(m.registry(), "127.0.0.1", taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        IovasimMetrics m = new IovasimMetrics("n", false);
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.start(m.registry(), "127.0.0.1", 65536));
    }

    @Test
    void answersOnlyReadsOfMetricsAndHealth() throws Exception {
        IovasimMetrics m = new IovasimMetrics("n", false);
        m.publisher("linux-6.7").publish(IovasimMetricsTest.snapshot(3));
        try (MetricsServer s = MetricsServer.start(m.registry(), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + s.port();
            HttpResponse<String> get = call("GET", base + "/metrics");
            assertEquals(200, get.statusCode());
            assertTrue(get.body().contains("iovasim_allocations_total"), get.body());
            HttpResponse<String> head = call("HEAD", base + "/metrics");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body(), "HEAD carries no body");
            assertEquals(200, call("GET", base + "/metrics?name[]=iovasim_allocations_total").statusCode(),
                    "the exporter's name filter is a query, not another path");
            HttpResponse<String> health = call("GET", base + MetricsServer.HEALTH_PATH);
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            assertEquals(200, call("HEAD", base + MetricsServer.HEALTH_PATH).statusCode());
            for (String path : new String[] {"/", "/metricsx", "/metrics/x", "/admin", "/-/reload"}) {
                HttpResponse<String> r = call("GET", base + path);
                assertEquals(404, r.statusCode(), path);
                assertTrue(!r.body().contains("iovasim_"), path + " must not leak the metrics");
            }
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
                for (String path : new String[] {"/metrics", MetricsServer.HEALTH_PATH}) {
                    HttpResponse<String> r = call(method, base + path);
                    assertEquals(405, r.statusCode(), method + " " + path);
                    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), method + " " + path);
                }
            }
        }
    }

    /**
     * Slow-loris: clients that open a connection and send half a request. The exchanges run on
     * two threads; without a request time limit, two such clients held both forever and every
     * scrape after them waited. Also a request with a 1 MB header line: refused, not buffered.
     */
    @Test
    void slowOrHugeRequestsDoNotKeepScrapesWaiting() throws Exception {
        IovasimMetrics m = new IovasimMetrics("n", false);
        try (MetricsServer s = MetricsServer.start(m.registry(), "127.0.0.1", 0)) {
            java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket c = new java.net.Socket("127.0.0.1", s.port());
                    c.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes());
                    c.getOutputStream().flush();
                    slow.add(c);
                }
                java.net.Socket huge = new java.net.Socket("127.0.0.1", s.port());
                slow.add(huge);
                byte[] line = ("GET /metrics HTTP/1.1\r\nX-Huge: " + "a".repeat(1 << 20)).getBytes();
                new Thread(() -> {
                    try {
                        huge.getOutputStream().write(line);
                    } catch (IOException e) {
                        // the server closed it: what it should do
                    }
                }).start();
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30)).build()
                        .send(HttpRequest.newBuilder(URI.create(s.url())).timeout(java.time.Duration.ofSeconds(60)).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                for (java.net.Socket c : slow.subList(0, 4)) {
                    c.setSoTimeout(30_000);
                    assertTrue(closedByServer(c), "a half request is dropped, not answered");
                }
            } finally {
                for (java.net.Socket c : slow) c.close();
            }
        }
    }

    /** End of stream or a reset: the server closed it (a read timeout would throw instead). */
    private static boolean closedByServer(java.net.Socket c) throws IOException {
        try {
            return c.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static HttpResponse<String> call(String method, String url) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                ? b.method(method, HttpRequest.BodyPublishers.ofString("x"))
                : b.method(method, HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
