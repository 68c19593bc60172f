package dev.iovasim.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Serves one registry's {@code /metrics} over HTTP until closed. */
public final class MetricsServer implements AutoCloseable {
    /** In a container the scrape comes from another host, so listen on every interface. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    private final HTTPServer server;
    private final String host;

    private MetricsServer(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts listening on {@code host:port}; port 0 takes any free port ({@link #port} tells which).
     * Serving threads are daemons: a finished run is not kept alive by its exporter.
     *
     * @throws UncheckedIOException naming the address when it cannot listen there
     */
    public static MetricsServer start(CollectorRegistry registry, String host, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        InetSocketAddress at = new InetSocketAddress(host, port);
        if (at.isUnresolved()) throw new IllegalArgumentException("unknown host '" + host + "'");
        try {
            HTTPServer s = new HTTPServer.Builder().withInetSocketAddress(at).withRegistry(registry)
                    .withDaemonThreads(true).build();
            return new MetricsServer(s, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return host;
    }

    /** Where a scraper finds the metrics (a wildcard host is reached through loopback here). */
    public String url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
