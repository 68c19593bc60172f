package dev.iovasim.soak;

import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.cluster.ClusterEngine;
import dev.iovasim.cluster.DeadLetterLog;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.cluster.RunFigures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster soak: this JVM is the tree node, {@code --nodes - 1} cpu-node JVMs are started
 * once, and free-running runs (cycling through the policies, a new seed each) follow each other
 * until {@code --minutes} have passed. Every run ends with the conservation survey; between runs
 * every JVM's heap is measured after a full collection. Exit 0 when every survey passed, no run
 * failed and every JVM's heap at the end is within {@code --heap-tolerance} of its value at
 * {@code --baseline-minute}, after {@code --warmup-runs}; 1 otherwise; 2 for bad flags.
 */
// --fanout's help is the CLI's, written from the fan-out shapes' catalogue (named, not imported:
// the bundle is loaded by picocli, and soak stays below the cli package)
// every default is shown by picocli (showDefaultValues), not written into each description
@Command(name = "soak", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp", showDefaultValues = true,
        description = "Runs one cluster for --minutes; checks heap after full GC, conservation, dead letters.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "30", description = "How long (fractions allowed).")
    double minutes;
    @Option(names = "--nodes", defaultValue = "4", description = "JVMs, this one included.")
    int nodes;
    @Option(names = "--cpus", defaultValue = "256", description = "Simulated CPUs.")
    int cpus;
    @Option(names = "--ops", defaultValue = "40", description = "Operations per CPU per run.")
    long ops;
    @Option(names = "--policy", defaultValue = "linux-4.14,linux-6.1", split = ",", description = "Presets, used in turn.")
    List<String> policies;
    @Option(names = "--workload", defaultValue = "sac-pressure", description = "Workload spec.")
    String workload;
    @Option(names = "--fanout", defaultValue = "per-node", descriptionKey = "fanout.soak")
    String fanout;
    @Option(names = "--heap-every", defaultValue = "60", description = "Seconds between heap samples.")
    long heapEvery;
    @Option(names = "--baseline-minute", description = "The heap sample compared against. Default: 5, or half of --minutes if shorter.")
    Double baselineMinute;
    @Option(names = "--warmup-runs", description = "Runs done before the baseline sample may be taken (caches and pools"
            + " fill with use; the 30-minute soak grew 21%% from run 2 to run 60, then stayed flat)."
            + " Default: 60, or 0 if --minutes is under 10.")
    Integer warmupRuns;
    @Option(names = "--heap-tolerance", defaultValue = "0.10", description = "Allowed growth over the baseline.")
    double tolerance;
    @Option(names = "--ask-timeout", defaultValue = "120", description = "Seconds any request may wait (a soak looks for leaks, not latency).")
    long askTimeout;
    @Option(names = "--out", defaultValue = "soak-out", description = "Directory for runs.csv and heap.csv.")
    Path out;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Soak());
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println("soak: " + e.getMessage());
            return 2;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (minutes <= 0 || nodes < 2 || cpus < nodes - 1 || ops < 1 || heapEvery < 1 || tolerance < 0 || askTimeout < 1) {
            System.err.println("soak: need --minutes > 0, --nodes >= 2, --cpus >= nodes-1, --ops >= 1, --heap-every >= 1, --heap-tolerance >= 0, --ask-timeout >= 1");
            return 2;
        }
        double baseline = baselineMinute != null ? baselineMinute : Math.min(5, minutes / 2);
        int warmup = warmupRuns != null ? warmupRuns : minutes < 10 ? 0 : 60;
        if (warmup < 0) {
            System.err.println("soak: need --warmup-runs >= 0, got " + warmup);
            return 2;
        }
        List<Policy> ps;
        FanOutShape f;
        try {
            ps = policies.stream().map(String::strip).map(Policy::byName).toList();
            WorkloadCatalogue.byName(workload);
            f = FanOutCatalogue.of(fanout);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(out);
        PrintStream err = System.err;
        NodeLog nodeLog = new NodeLog(err);
        SoakRecord record = new SoakRecord(out, baseline, warmup, tolerance);
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        err.printf(Locale.ROOT, "soak: %d CPUs over %d JVMs, %s, %s, %d ops per CPU per run, %.1f min, heap baseline at minute %.1f"
                + " after %d runs%n", cpus, nodes, String.join("+", policies), workload, ops, minutes, baseline, warmup);
        HeapProbe heap = new HeapProbe();
        try (LocalClusterRun run = LocalClusterRun.start(nodes, List.of(), nodeLog)) {
            ClusterEngine engine = new ClusterEngine(run.node(), run.hosts(), workload, f,
                    EngineSettings.defaults().withAskTimeout(java.time.Duration.ofSeconds(askTimeout)), RunFigures.none());
            long nextHeap = start;
            for (int i = 0; System.nanoTime() < end; i++) {
                if (System.nanoTime() >= nextHeap) {
                    sampleHeaps(heap, run, record, minute(start));
                    nextHeap += heapEvery * 1_000_000_000L;
                }
                Policy p = ps.get(i % ps.size());
                RunReport r = engine.run(RunSpec.of(p, WorkloadCatalogue.byName(workload), cpus, ops, i + 1), ProgressListener.NONE);
                err.println(record.run(minute(start), i, p.name(), r));
            }
            sampleHeaps(heap, run, record, minute(start));
            // the cpu nodes print their counts at most every 5 s: let the last ones come
            try {
                Thread.sleep(DeadLetterLog.EVERY.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.println("soak: tree " + run.node().deadLetters());
        } catch (UncheckedIOException e) {
            err.println("soak: " + e.getMessage());
            return 1;
        }
        nodeLog.deadLetters().forEach((node, line) -> err.println("soak: " + node + " " + line));
        return record.verdict(err) ? 0 : 1;
    }

    private static void sampleHeaps(HeapProbe heap, LocalClusterRun run, SoakRecord record, double minute) {
        try {
            record.heap(minute, "tree", heap.usedAfterFullGcKb(ProcessHandle.current().pid()));
            List<Process> children = run.children().processes();
            for (int i = 0; i < children.size(); i++) {
                record.heap(minute, "cpus-" + (i + 1), heap.usedAfterFullGcKb(children.get(i).pid()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double minute(long start) {
        return (System.nanoTime() - start) / 60e9;
    }
}
