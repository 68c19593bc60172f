package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
}
