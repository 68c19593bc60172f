package dev.iovasim.cli;

import dev.iovasim.actors.RunLimits;
import dev.iovasim.sweep.EngineRegistry;
import dev.iovasim.sweep.PlanFile;
import dev.iovasim.sweep.Plots;
import dev.iovasim.sweep.PointRunner;
import dev.iovasim.sweep.SweepProgress;
import dev.iovasim.sweep.ReportWriter;
import dev.iovasim.sweep.ResultTable;
import dev.iovasim.sweep.ResultsFile;
import dev.iovasim.sweep.SweepLock;
import dev.iovasim.sweep.SweepPlan;
import dev.iovasim.sweep.SweepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iovasim sweep}: a scaling experiment over a cross product, with CSV, plots and a report. */
@Command(name = "sweep", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp",
        header = "Runs a scaling experiment over a cross product of settings and writes CSV, plots and a report.",
        description = {"Runs every combination of the listed CPUs, nodes, policies, workloads, engines and fan-outs,",
                "--repeat times each, and writes to DIR: results.csv (one row per run, written as each run ends),",
                "plan.txt (the flags), one PNG per metric and report.md (setup, plots, medians, latency fits).",
                "Lists are comma separated. An interrupted sweep keeps its rows; --resume DIR continues it.",
                "A failed or interrupted run exits 1, a failed conservation check 3."})
public final class SweepCommand implements Callable<Integer> {
    /**
     * Where the command finds its engines. The default holds the built-in reference runner;
     * an engine is added by registering its {@link PointRunner} in {@link EngineRegistry#builtin()}
     * (or by pointing this at another registry, as the tests do).
     */
    public static Supplier<EngineRegistry> engines = EngineRegistry::builtin;

    @Spec
    CommandSpec spec;

    @Option(names = "--cpus", paramLabel = "N[,N...]", defaultValue = "2,4,8,16,32",
            description = "Simulated CPU counts, each 1.." + RunLimits.MAX_CPUS + " as simulate's --cpus. Default: ${DEFAULT-VALUE}.")
    String cpus;

    @Option(names = "--nodes", paramLabel = "N[,N...]", defaultValue = "1",
            description = {"JVMs of each run, as simulate's --nodes: 1 (everything in this JVM) or 2.." + RunLimits.MAX_NODES
                    + " (this JVM is the tree node and the CPUs are spread over N-1 cpu-node JVMs, at least one each: N-1 at most"
                    + " the fewest CPUs). Default: ${DEFAULT-VALUE}."})
    String nodes;

    @Option(names = "--policy", paramLabel = "NAME[,NAME...]", defaultValue = "linux-4.14,linux-6.1",
            completionCandidates = CompletionCandidates.Presets.class,
            description = "Kernel presets, of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Mixin
    PolicyOverrides overrides = new PolicyOverrides();

    @Option(names = "--workload", paramLabel = "SPEC[,SPEC...]", defaultValue = "sac-pressure",
            completionCandidates = CompletionCandidates.WorkloadNames.class,
            description = "Workloads, each as simulate's --workload (NAME or NAME:KEY=VALUE,...; not a trace), of: "
                    + "${COMPLETION-CANDIDATES}; a comma before a name starts the next one, so that "
                    + "'nic:ring=256,nic:ring=1024,storage' is three. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--engine", paramLabel = "NAME[,NAME...]", defaultValue = "reference",
            completionCandidates = CompletionCandidates.SweepEngines.class,
            description = "Engines, of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--fanout", paramLabel = "SHAPE[,SHAPE]", defaultValue = "direct", completionCandidates = CompletionCandidates.FanOuts.class,
            descriptionKey = "fanout.sweep")
    String fanout;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "2000",
            description = "Operations per CPU in each run, 1.." + RunLimits.MAX_OPS + " as simulate's --ops. Default: ${DEFAULT-VALUE}.")
    String ops;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Runs per point (seeds SEED, SEED+1, ...); plots show the median. Default: ${DEFAULT-VALUE}.")
    String repeat;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Base seed. Default: ${DEFAULT-VALUE}.")
    String seed;

    @Option(names = "--out", paramLabel = "DIR", converter = OutputFile.Directory.class,
            description = "Output directory (new). Default: sweep-DATE-TIME.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the sweep in DIR: runs only the points results.csv lacks (or that failed).")
    Path resume;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = resume != null ? resume : out != null ? out
                : Path.of("sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (resume != null && out != null && !sameDirectory(out, resume)) {
            throw new UsageException("--out: a resumed sweep writes where it started (" + resume + "); drop --out");
        }
        PlanFile stored = resume != null ? read(dir) : null;
        if (stored == null && Files.exists(dir.resolve(ResultsFile.NAME))) {
            throw new UsageException("--out " + dir + ": already holds a sweep; continue it with --resume " + dir
                    + " or choose another directory");
        }
        SweepPlan plan = stored != null ? resumedPlan(dir, stored) : parse(flags());
        EngineRegistry registry = engines.get();
        PointRunner runner = UsageException.refusing(null, () -> registry.forPlan(plan));
        Files.createDirectories(dir);
        try (SweepLock lock = lock(dir); registry) {
            PlanFile planFile = stored != null ? stored.withCommand(commandLine())
                    : new PlanFile(plan.args(), List.of(commandLine()));
            ResultsFile results = stored != null ? ResultsFile.resume(dir) : ResultsFile.create(dir);
            planFile.write(dir);
            SweepRunner.Outcome o = runWithHint(new SweepRunner(plan, runner, results, SweepProgress.forConsole(System.err)), dir);
            return finish(dir, planFile, o);
        }
    }

    /** Whether {@code a} and {@code b} name one directory, under any spelling or link. */
    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.normalize().equals(b.normalize()) || Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static SweepLock lock(Path dir) throws IOException {
        try {
            return SweepLock.take(dir);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage() + "; wait for it to end");
        }
    }

    private SweepRunner.Outcome runWithHint(SweepRunner sweep, Path dir) {
        // Ctrl-C ends the JVM: the rows are already on disk, tell the user how to go on
        Thread hint = new Thread(() -> System.err.println("\ninterrupted: finished runs are in " + dir.resolve(ResultsFile.NAME)
                + "; continue with: bin/iovasim sweep --resume " + dir));
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            return sweep.run();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hint);
        }
    }

    private int finish(Path dir, PlanFile planFile, SweepRunner.Outcome o) throws IOException {
        ResultTable table = ResultsFile.read(dir);
        Plots.Outcome plots = Plots.write(table, dir);
        Path report = new ReportWriter(table, plots, planFile).write(dir);
        System.out.printf("sweep: %d runs this time (%d already done, %d failed) -> %s, %d plots, %s%n",
                o.ran(), o.skipped(), o.failed(), dir.resolve(ResultsFile.NAME), plots.drawn().size(), report);
        if (o.interrupted()) {
            System.err.println("sweep interrupted: continue with: bin/iovasim sweep --resume " + dir);
            return ExitCodes.FAILURE;
        }
        if (table.completed().stream().anyMatch(r -> "false".equals(r.get("conservation_ok")))) {
            System.err.println("error: a conservation check failed (see " + report + ")");
            return ExitCodes.CONSERVATION;
        }
        return table.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Every plan flag's value, given or default. */
    private Map<String, String> flags() {
        String[] values = {cpus, nodes, overrides.applyToNames(policy), workload, engine, fanout, ops, repeat, seed};
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < SweepPlan.KEYS.size(); i++) m.put(SweepPlan.KEYS.get(i), values[i]);
        return m;
    }

    /** The stored plan; refused if a flag given now says otherwise. */
    private SweepPlan resumedPlan(Path dir, PlanFile stored) {
        SweepPlan before = parse(stored.args());
        Map<String, String> merged = new LinkedHashMap<>(stored.args());
        for (var e : flags().entrySet()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--" + e.getKey())) merged.put(e.getKey(), e.getValue());
        }
        Map<String, String> now = parse(merged).args();
        for (String k : SweepPlan.KEYS) {
            if (!now.get(k).equals(before.args().get(k))) {
                throw new UsageException("--" + k + ": the sweep in " + dir + " ran with --" + k + " " + before.args().get(k)
                        + ", not " + now.get(k) + "; drop the flag to continue it, or start a new sweep with --out");
            }
        }
        return before;
    }

    private static PlanFile read(Path dir) throws IOException {
        try {
            return PlanFile.read(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static SweepPlan parse(Map<String, String> args) {
        return UsageException.refusing(null, () -> new SweepPlan(args));
    }

    private String commandLine() {
        return "bin/iovasim " + spec.commandLine().getParseResult().originalArgs().stream()
                .map(SweepCommand::shellWord).collect(Collectors.joining(" "));
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./,=:@+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
