package dev.iovasim.cli;

import dev.iovasim.cluster.WireStats;
import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.MetricsServer;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * One process's metrics, as a command or a cluster node serves them: the collectors, the server
 * that exposes them, and the hold after the run.
 */
public record MetricsSession(IovasimMetrics metrics, MetricsServer server, long holdSeconds, PrintStream err)
        implements AutoCloseable {

    /**
     * Serves {@code metrics} on {@code host:port} (0: any free port) and says where on
     * {@code err}. A bad host is an IllegalArgumentException, a port in use an
     * UncheckedIOException: the caller names the setting.
     */
    static MetricsSession start(IovasimMetrics metrics, String host, int port, long holdSeconds, PrintStream err) {
        metrics.processCounter("wire_refused_messages",
                "Incoming cluster messages the Kryo serializer refused (unknown class, bad length, garbage).", WireStats::refusedMessages);
        MetricsServer server = MetricsServer.start(metrics.registry(), host, port);
        err.println("metrics: serving " + server.url() + " (listening on " + host + ":" + server.port() + ")");
        return new MetricsSession(metrics, server, holdSeconds, err);
    }

    /**
     * Keeps serving for the {@code --hold-metrics} seconds. An interrupt ends the hold early
     * (and stays set for the caller): that is how a test or a shutdown stops waiting.
     */
    public void hold() {
        if (holdSeconds == 0) return;
        err.println("metrics: holding " + server.url() + " for " + holdSeconds + " s");
        try {
            TimeUnit.SECONDS.sleep(holdSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
