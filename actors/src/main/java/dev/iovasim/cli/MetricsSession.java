package dev.iovasim.cli;

import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.MetricsServer;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** One command's metrics: the collectors, the server that exposes them, and the hold after the run. */
public final class MetricsSession implements AutoCloseable {
    private final IovasimMetrics metrics;
    private final MetricsServer server;
    private final long holdSeconds;
    private final PrintStream err;

    MetricsSession(IovasimMetrics metrics, MetricsServer server, long holdSeconds, PrintStream err) {
        this.metrics = metrics;
        this.server = server;
        this.holdSeconds = holdSeconds;
        this.err = err;
    }

    public IovasimMetrics metrics() {
        return metrics;
    }

    public int port() {
        return server.port();
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
