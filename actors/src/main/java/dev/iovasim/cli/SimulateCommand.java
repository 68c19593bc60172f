package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.actors.RunLimits;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.cluster.ClusterEngine;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.cluster.RunFigures;
import dev.iovasim.actors.EngineTimeout;
import dev.iovasim.allocator.engine.ComparisonTable;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.sweep.EngineRegistry;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.OrderedWorkload;
import dev.iovasim.allocator.workload.TraceWorkload;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadException;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iovasim simulate}: runs a workload under one or more policies and compares them. */
@Command(name = "simulate", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp",
        header = "Runs a seeded workload under each policy and engine and prints one comparison table.",
        description = {"Runs a seeded workload on the simulated allocator under each policy and prints one",
                "comparison table (one column per policy, the engines side by side in each cell). With no",
                "arguments: the seed scenario (sac-pressure) at 128 CPUs under linux-4.14, linux-4.15 and",
                "linux-6.1, on both engines."})
public final class SimulateCommand implements Callable<Integer> {
    static final String DEFAULT_POLICIES = "linux-4.14,linux-4.15,linux-6.1";
    static final int DEFAULT_CPUS = 128;
    // a sweep point is a simulate run: the limits are the same (RunLimits)
    static final int MAX_CPUS = RunLimits.MAX_CPUS;
    static final long MAX_OPS = RunLimits.MAX_OPS;

    @Option(names = "--cpus", paramLabel = "N", converter = WholeNumber.class,
            description = "Simulated CPUs, 1.." + MAX_CPUS + ". Default: " + DEFAULT_CPUS + " (a trace: its header's).")
    Long cpus;

    @Option(names = "--workload", paramLabel = "SPEC", defaultValue = "sac-pressure",
            completionCandidates = CompletionCandidates.WorkloadNames.class,
            description = {"NAME or NAME:KEY=VALUE,... or trace:FILE; NAME is one of ${COMPLETION-CANDIDATES}"
                    + " (parameters below). Default: ${DEFAULT-VALUE}."})
    String workload;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "2000", converter = WholeNumber.class,
            description = "Operations per CPU, 1.." + MAX_OPS + " (a trace runs whole). Default: ${DEFAULT-VALUE}.")
    long ops;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--engine", paramLabel = "NAME[,NAME]", defaultValue = "reference,actors",
            completionCandidates = CompletionCandidates.SimulateEngines.class,
            description = {"Engine(s), of: ${COMPLETION-CANDIDATES}. actors: one actor per CPU, free-running; a flush is"
                    + " a real fan-out whose latency and messages are measured. reference: all CPUs in one thread,"
                    + " deterministic, seeded interleaving. 'reference,actors' runs both side by side."
                    + " Default: ${DEFAULT-VALUE}."})
    String engine;

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--emit-trace", paramLabel = "FILE", converter = OutputFile.class,
            description = {"Write the run's operations as a trace that 'replay' reproduces pfn for pfn"
                    + " (.gz, .xz, .zst compress). With several policies, the policy's name goes before the extension."
                    + " A run on the simulated clock (6.7+ depot trim, lazy invalidation) writes clock lines (trace version 3)."})
    Path emitTrace;

    @Option(names = "--irq-cpus", paramLabel = "LIST",
            description = {"CPUs that take the completion interrupts, e.g. 0-15 or 0-3,8: maps run on the submitting CPU,"
                    + " each unmap on IRQ CPU (submitter mod count) of the list. Default: every CPU unmaps its own."})
    String irqCpus;

    @Mixin
    RunOptions runOptions = new RunOptions(DEFAULT_POLICIES);

    @Spec
    void describeWorkloads(CommandSpec spec) {
        spec.usageMessage().footer(Stream.concat(Stream.of("%nWorkloads (parameters as NAME:KEY=VALUE,...; defaults shown):"),
                WorkloadCatalogue.help().stream().map(l -> "  " + l.replace("%", "%%"))).toArray(String[]::new));
    }

    @Override
    public Integer call() {
        Workload w = UsageException.refusing("--workload", () -> WorkloadCatalogue.byName(workload));
        int n = cpus(w);
        long perCpu = Check.in("--ops", ops, 1, MAX_OPS);
        long s = seed.value;
        long every = runOptions.checkEvery();
        boolean gaps = runOptions.search.gaps();
        List<Policy> ps = runOptions.policies();
        List<Engine> es = engines(w);
        runOptions.cluster.checkCpus(n);
        if (!runOptions.cluster.clustered()) {
            if (!runOptions.metrics.enabled()) {
                runOptions.metrics.open(ReplayCommand.METRICS_NODE, System.err); // refuses metrics flags without a port
                return run(es, ps, w, n, perCpu, s, every, gaps);
            }
            if (es.size() != 1) {
                throw new UsageException("--metrics-port: name one engine (--engine actors or --engine reference), so that"
                        + " the exported counters are one run's figures per policy");
            }
            runOptions.metrics.refusePerCpuOn(es.get(0).name());
            try (MetricsSession session = runOptions.metrics.open(ReplayCommand.METRICS_NODE, System.err)) {
                Engine published = new PublishingEngine(es.get(0), new RunMetrics(session.metrics()));
                int status = run(List.of(published), ps, w, n, perCpu, s, every, gaps);
                session.hold();
                return status;
            }
        }
        if (es.stream().noneMatch(e -> e.name().equals(ActorsEngine.NAME))) {
            throw new UsageException("--nodes: needs the actors engine (--engine actors or reference,actors)");
        }
        try (MetricsSession session = runOptions.metrics.open("tree", System.err);
             LocalClusterRun c = runOptions.cluster.start(session == null ? List.of() : runOptions.metrics.childFlags(), System.err)) {
            RunMetrics published = session == null ? null : new RunMetrics(session.metrics());
            List<Engine> onCluster = es.stream().map(e -> !e.name().equals(ActorsEngine.NAME) ? e
                    : (Engine) new ClusterEngine(c.node(), c.hosts(), workload, runOptions.cluster.fanOut(), EngineSettings.defaults(),
                            published == null ? RunFigures.none() : published.tree()))
                    .toList();
            int status = run(onCluster, ps, w, n, perCpu, s, every, gaps);
            if (session != null) session.hold();
            return status;
        } catch (EngineTimeout ex) {
            System.err.println("error: cluster: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private List<Engine> engines(Workload w) {
        List<Engine> es = new ArrayList<>();
        for (String name : engine.split(",", -1)) {
            if (name.isBlank()) throw new UsageException("--engine: empty name in '" + engine + "'");
            Engine e = UsageException.refusing(null, () -> EngineRegistry.engine(name.trim()));
            if (es.stream().anyMatch(x -> x.name().equals(e.name()))) throw new UsageException("--engine: '" + name + "' given twice");
            if (e.name().equals(ActorsEngine.NAME) && w instanceof OrderedWorkload) {
                throw new UsageException("--engine actors: a trace workload fixes the order of its operations;"
                        + " replay it with 'replay FILE --engine actors', or use --engine reference");
            }
            if (e.name().equals(ActorsEngine.NAME)) runOptions.policies().forEach(p -> runOptions.clock.refuseOnActors(p));
            if (e.name().equals(ActorsEngine.NAME) && emitTrace != null) {
                throw new UsageException("--emit-trace: needs --engine reference (a free-running actor run's order is"
                        + " decided by timing, so no trace reproduces it)");
            }
            es.add(e);
        }
        if (es.size() > 1 && runOptions.clock.timeseries != null) {
            throw new UsageException("--timeseries: name one engine (--engine reference or --engine actors): the rows of a"
                    + " policy are told apart by their 'policy' column only, so they must be one run's");
        }
        return es;
    }

    private int run(List<Engine> es, List<Policy> ps, Workload w, int n, long perCpu, long s, long every, boolean gaps) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<RunReport> reports = new ArrayList<>();
        IrqCpus irq = irqCpus == null ? null : UsageException.refusing("--irq-cpus", () -> IrqCpus.parse(irqCpus, n));
        if (w instanceof TraceWorkload t) { // before any output is opened: none may truncate the trace
            for (Policy p : ps) OutputFile.refuseInput("--emit-trace", emitTrace(ps, p), t.file(), "the --workload trace");
            OutputFile.refuseInput("--json", json.file, t.file(), "the --workload trace");
            OutputFile.refuseInput("--timeseries", runOptions.clock.timeseries, t.file(), "the --workload trace");
        }
        // the bar ends before anything else is printed
        try (ProgressLine progress = new ProgressLine(err, "simulate"); CsvRowSink rows = runOptions.clock.openSeries()) {
            SeriesSpec series = runOptions.series(rows);
            for (Policy p : ps) {
                for (Engine e : es) {
                    RunSpec spec = new RunSpec(p, w, n, perCpu, s, every, emitTrace(ps, p), gaps, irq, series);
                    reports.add(e.run(spec, progress));
                }
            }
        } catch (EngineTimeout ex) {
            err.println("error: actor engine: " + ex.getMessage());
            return ExitCodes.FAILURE;
        } catch (WorkloadException ex) {
            throw new UsageException("--workload: " + ex.getMessage());
        } catch (UncheckedIOException ex) {
            err.println("error: " + ex.getMessage() + ": " + ex.getCause().getMessage());
            return ExitCodes.FAILURE;
        }
        out.print(ComparisonTable.render(reports));
        out.flush();
        if (json.file != null) ReportJson.write(json.file, Map.of("runs", reports));
        int status = ExitCodes.OK;
        for (RunReport r : reports) {
            if (!r.flag("conservation_ok")) {
                err.println("error: conservation check failed under " + r.text("policy") + ": " + r.text("conservation_problem"));
                status = ExitCodes.CONSERVATION;
            }
        }
        return status;
    }

    private int cpus(Workload w) {
        if (w instanceof TraceWorkload) {
            int traceCpus = w.domain(1).cpus();
            if (cpus != null && Check.in("--cpus", cpus, 1, MAX_CPUS) != traceCpus) {
                throw new UsageException("--cpus: the trace has " + traceCpus + (traceCpus == 1 ? " CPU" : " CPUs") + " (its header); leave --cpus out or give " + traceCpus);
            }
            return traceCpus;
        }
        return cpus == null ? DEFAULT_CPUS : (int) Check.in("--cpus", cpus, 1, MAX_CPUS);
    }

    /** The --emit-trace file of policy {@code p}'s run, or null. */
    private Path emitTrace(List<Policy> ps, Policy p) {
        return emitTrace == null ? null : ps.size() == 1 ? emitTrace : withPolicy(emitTrace, p);
    }

    /** out.trace becomes out.linux-6.1.trace; out becomes out.linux-6.1. */
    static Path withPolicy(Path file, Policy p) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String named = dot < 0 ? name + "." + p.name() : name.substring(0, dot) + "." + p.name() + name.substring(dot);
        return file.resolveSibling(named);
    }
}
