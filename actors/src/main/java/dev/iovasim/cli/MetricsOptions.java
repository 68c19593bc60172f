package dev.iovasim.cli;

import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.MetricsServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-port}, {@code --metrics-host}, {@code --metrics-per-cpu} and
 * {@code --hold-metrics}, shared by the commands that run an engine. Without a port, no
 * metrics are kept at all.
 */
public final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "P",
            description = "Serve Prometheus metrics on http://HOST:P/metrics during the run (0: any free port, printed on standard error).")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = MetricsServer.DEFAULT_HOST,
            description = "Address the metrics server listens on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--metrics-per-cpu",
            description = "Add a 'cpu' label to the per-CPU counters (one series per simulated CPU: mind the cardinality)."
                    + " Needs --engine actors: the reference engine keeps no per-CPU figures.")
    boolean perCpu;

    @Option(names = "--hold-metrics", paramLabel = "S", defaultValue = "0",
            description = "Keep serving the metrics S seconds after the run, so a scrape catches the final values.")
    long holdSeconds;

    /** The flags that give a cpu-node JVM the same metrics settings, on a port of its own. */
    java.util.List<String> childFlags() {
        java.util.List<String> f = new java.util.ArrayList<>(java.util.List.of("--metrics-port", "0", "--metrics-host", host,
                "--hold-metrics", Long.toString(holdSeconds)));
        if (perCpu) f.add("--metrics-per-cpu");
        return f;
    }

    public boolean enabled() {
        return port != null;
    }

    /**
     * Refuses per-CPU labels on the engine that has no per-CPU figures: the reference engine
     * counts the whole domain in one set of counters, so every series would be {@code cpu=""}.
     */
    void refusePerCpuOn(String engine) {
        if (enabled() && perCpu && engine.equals(ReferenceEngine.NAME)) {
            throw new UsageException("--metrics-per-cpu: the reference engine counts all CPUs together (one set of"
                    + " counters for the whole domain), so it has no per-CPU figures to label; use --engine actors");
        }
    }

    /**
     * Checks the flags and, when a port was given, starts serving; null when metrics are off.
     *
     * @param node the {@code node} label of this process's series
     */
    public MetricsSession open(String node, PrintStream err) {
        if (holdSeconds < 0) throw new UsageException("--hold-metrics: must be 0 or more seconds, got " + holdSeconds);
        if (!enabled()) {
            if (holdSeconds > 0) throw new UsageException("--hold-metrics: needs --metrics-port");
            if (perCpu) throw new UsageException("--metrics-per-cpu: needs --metrics-port");
            return null;
        }
        Check.in("--metrics-port", port, 0, 65535);
        IovasimMetrics metrics = new IovasimMetrics(node, perCpu);
        try {
            return MetricsSession.start(metrics, host, port, holdSeconds, err);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--metrics-host: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageException("--metrics-port " + port + ": " + e.getMessage());
        }
    }
}
