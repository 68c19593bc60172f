package dev.iovasim.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves one registry's {@code /metrics} over HTTP until closed, and nothing else: a node in a
 * container listens on every interface, so the endpoint answers only reads of {@value #METRICS_PATH}
 * and {@value #HEALTH_PATH} (GET or HEAD); any other path is 404, any other method 405.
 */
public final class MetricsServer implements AutoCloseable {
    /**
     * Loopback unless told otherwise: another host's scraper (compose's Prometheus) needs an
     * explicit address or 0.0.0.0, which the container image sets; a run on a shared machine does
     * not publish its figures to the network by default.
     */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String METRICS_PATH = "/metrics";
    /** Prometheus's own health path, so the same probe serves both. */
    public static final String HEALTH_PATH = "/-/healthy";

    /**
     * The JDK's server reads a request on one of the executor's two threads with no time limit by
     * default: two clients sending half a request (slow-loris) held both threads and every scrape
     * after them waited forever. A request must now arrive whole within this many seconds (a
     * scrape's request is a few hundred bytes) or its connection is closed. Read once by the JDK,
     * when its first server starts; a value given on the command line wins.
     */
    static final String MAX_REQUEST_SECONDS = "5";

    static {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private MetricsServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
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
        HttpServer s;
        try {
            s = HttpServer.create(at, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        // one scraper at a time is the usual load; two threads keep a slow client from blocking it
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.createContext("/", new ReadOnly(new HTTPServer.HTTPMetricHandler(registry)));
        s.start();
        return new MetricsServer(s, executor, host);
    }

    /** Lets through GET and HEAD of the two known paths; answers everything else itself. */
    private record ReadOnly(HttpHandler metrics) implements HttpHandler {
        @Override
        public void handle(HttpExchange x) throws IOException {
            try (x) {
                String path = x.getRequestURI().getPath();
                boolean known = METRICS_PATH.equals(path) || HEALTH_PATH.equals(path);
                String method = x.getRequestMethod();
                boolean head = "HEAD".equals(method);
                if (!known) {
                    reply(x, 404, "not found: this endpoint serves only " + METRICS_PATH + " and " + HEALTH_PATH + "\n", head);
                } else if (!head && !"GET".equals(method)) {
                    x.getResponseHeaders().set("Allow", "GET, HEAD");
                    reply(x, 405, "method " + method + " not allowed: " + path + " is read-only (GET, HEAD)\n", false);
                } else if (HEALTH_PATH.equals(path)) {
                    reply(x, 200, "ok\n", head);
                } else {
                    metrics.handle(x);
                }
            }
        }

        private static void reply(HttpExchange x, int status, String text, boolean head) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            // a HEAD answer carries the headers only (-1: no body follows)
            x.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a scraper finds the metrics (a wildcard host is reached through loopback here). */
    public String url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port() + METRICS_PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
