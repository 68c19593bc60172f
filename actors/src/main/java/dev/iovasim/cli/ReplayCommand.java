package dev.iovasim.cli;

import dev.iovasim.actors.ActorTarget;
import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.EngineTimeout;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.cluster.ClusterMachine;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Compression;
import dev.iovasim.allocator.trace.KernelCompare;
import dev.iovasim.allocator.trace.OpTarget;
import dev.iovasim.allocator.trace.Replay;
import dev.iovasim.allocator.trace.TraceException;
import dev.iovasim.metrics.PublishingTarget;
import dev.iovasim.metrics.StatsPublisher;
import dev.iovasim.metrics.StatsSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovasim replay}: the trace format's reference replayer. */
@Command(name = "replay", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp",
        header = "Replays a trace and prints one pfn per allocation and the summary line.",
        description = {"Replays a trace (docs/trace-format.md, versions 1 to 3) and prints exactly what the format",
                "fixes: one pfn per allocation, then the '# allocs ... flushed_pfns ...' summary line. gzip, xz",
                "and zstd input is decompressed (told by its first bytes); '-' reads standard input. --verbose",
                "adds the engine, conservation, DMA-layer and cache notes on standard error."})
public final class ReplayCommand implements Callable<Integer> {
    /** The {@code node} label of a replay's series: one process, no cluster. */
    static final String METRICS_NODE = "local";

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (plain, gzip, xz or zstd), or - for standard input.")
    String file;

    @Mixin
    RunOptions runOptions = new RunOptions(Policy.DEFAULT_NAME);

    @Option(names = "--out", paramLabel = "FILE", converter = OutputFile.class,
            description = "Write the output here instead of standard output (.gz, .xz, .zst compress).")
    Path out;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "reference", completionCandidates = CompletionCandidates.SimulateEngines.class,
            description = "Engine, one of ${COMPLETION-CANDIDATES}: 'reference' (all CPUs in this thread) or 'actors' (one actor per CPU, each operation"
                    + " sent to its CPU's actor and waited for). Both print the same. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--verbose",
            description = "Also print the engine, the conservation check's result and cache notes (# lines) on standard error.")
    boolean verbose;

    @Option(names = "--compare-kernel", description = "Also count how many pfns equal the trace's '# kernel pfn' comments"
            + " (written by import) and report the first difference on standard error. Needs a file, not -.")
    boolean compareKernel;

    @Override
    public Integer call() throws IOException {
        if (compareKernel && file.equals("-")) throw new UsageException("--compare-kernel: reads the trace twice, so it needs a file, not -");
        Policy p = runOptions.policy();
        boolean gaps = runOptions.search.gaps();
        if (!engine.equals(ReferenceEngine.NAME) && !engine.equals(ActorsEngine.NAME)) {
            throw new UsageException("--engine: expected '" + ReferenceEngine.NAME + "' or '" + ActorsEngine.NAME + "', got '" + engine + "'");
        }
        if (engine.equals(ActorsEngine.NAME) || runOptions.cluster.clustered()) runOptions.clock.refuseOnActors(p);
        if (!file.equals(InputFile.STDIN)) {
            Path in = InputFile.existing(null, file);
            OutputFile.refuseInput("--out", out, in, "the input file");
            OutputFile.refuseInput("--timeseries", runOptions.clock.timeseries, in, "the input file");
        }
        if (runOptions.cluster.clustered()) return replayOnCluster(p, gaps);
        runOptions.metrics.refusePerCpuOn(engine);
        try (MetricsSession session = runOptions.metrics.open(METRICS_NODE, System.err); CsvRowSink rows = runOptions.clock.openSeries()) {
            SeriesSpec series = runOptions.series(rows);
            int status = replay(cfg -> engine.equals(ActorsEngine.NAME) ? actors(p, cfg, gaps, session, series)
                    : reference(p, cfg, gaps, session, series));
            if (session != null) session.hold();
            return status;
        }
    }

    /** The actor engine with its CPU actors on local cpu-node JVMs; prints (and writes) what one JVM does. */
    private int replayOnCluster(Policy p, boolean gaps) throws IOException {
        if (runOptions.metrics.enabled()) throw new UsageException("--metrics-port: not available with --nodes yet; use simulate --nodes");
        try (CsvRowSink rows = runOptions.clock.openSeries(); LocalClusterRun run = runOptions.cluster.start(List.of(), System.err)) {
            SeriesSpec series = runOptions.series(rows);
            return replay(cfg -> {
                ActorTarget t = ActorTarget.over(new ClusterMachine(run.node(), run.hosts(),
                        new ClusterMachine.Spec(p, cfg, gaps, "", 0, 0, runOptions.cluster.fanOut()), EngineSettings.defaults()));
                return series == null ? t : t.withSeries(p.name(), series);
            });
        }
    }

    /** The reference engine, publishing its figures when metrics are on. */
    private static OpTarget reference(Policy p, DomainConfig cfg, boolean gaps, MetricsSession session, SeriesSpec series) {
        AllocatorTarget engine = AllocatorTarget.create(p, cfg, gaps);
        if (series != null) engine.withSeries(p.name(), series);
        if (session == null) return engine;
        StatsPublisher publisher = session.metrics().publisher(p.name());
        engine.allocator().setFlushListener(publisher::recordFlush);
        return new PublishingTarget(engine, () -> publisher.publish(StatsSnapshot.of(engine.allocator())),
                PublishingTarget.DEFAULT_INTERVAL);
    }

    /**
     * The actor engine, one operation at a time; its counters (each CPU actor's apart with per-CPU
     * labels) are published when metrics are on, as one run that never ends.
     */
    private static OpTarget actors(Policy p, DomainConfig cfg, boolean gaps, MetricsSession session, SeriesSpec series) {
        ActorTarget engine = ActorTarget.create(p, cfg, gaps, EngineSettings.defaults());
        if (series != null) engine.withSeries(p.name(), series);
        if (session == null) return engine;
        RunMetrics runs = new RunMetrics(session.metrics());
        return new PublishingTarget(engine, () -> runs.take(p.name(), 1, RunMetrics.Share.replay(engine, runs.eachCpu()), false),
                PublishingTarget.DEFAULT_INTERVAL);
    }

    int replay(Function<DomainConfig, OpTarget> engine) throws IOException {
        PrintStream err = System.err;
        KernelCompare compare = null;
        // a run that stops (a trace error, a timeout) removes its --out file: no partial output is left
        try (InputStream in = open(file, true); OutputFile.Written written = OutputFile.open(out);
             OutputStream o = compareKernel ? compare = new KernelCompare(written, open(file, false)) : written) {
            Replay replay = new Replay(engine, w -> err.println("warning: " + w), runOptions.checkEvery())
                    .notesTo(verbose ? err::println : note -> { });
            Replay.Result r = replay.run(in, o);
            written.keep(); // complete, summary and all, even when the conservation check fails
            if (compare != null) err.println(compare.report());
            if (!r.conservation().ok()) {
                err.println("error: conservation check failed: " + r.conservation().problem());
                return ExitCodes.CONSERVATION;
            }
            return ExitCodes.OK;
        } catch (TraceException e) {
            err.println("error: line " + e.line() + ": " + e.why() + ": " + e.text());
            return ExitCodes.USAGE;
        } catch (EngineTimeout e) {
            err.println("error: actor engine: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (UnsupportedOperationException e) {
            // a version-3 trace asked for what this engine does not model (lazy invalidation, a clock)
            err.println("error: " + file + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** The trace, decompressed; with {@code progress} a file's reading is shown on standard error. */
    private static InputStream open(String name, boolean progress) throws IOException {
        if (name.equals(InputFile.STDIN) || !progress) return InputFile.open(name);
        Path p = InputFile.existing(null, name);
        return Compression.decompress(new ReadProgress(Files.newInputStream(p), name, Files.size(p)), name);
    }
}
