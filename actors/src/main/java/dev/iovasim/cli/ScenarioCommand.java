package dev.iovasim.cli;

import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.scenario.Catalogue;
import dev.iovasim.scenario.FigureJson;
import dev.iovasim.scenario.FigureTable;
import dev.iovasim.scenario.Scenario;
import dev.iovasim.scenario.ScenarioResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iovasim scenario list} and {@code iovasim scenario run NAME}: the catalogue of published
 * rcache incidents ({@link Catalogue}), listed or run. One command with an action word rather than
 * two subcommands, so that the top-level help shows its one summary.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        header = "Reproduces a published rcache incident on the kernels before and after its fix.",
        description = {"'scenario list' names the scenarios. 'scenario run NAME' runs one: a seeded workload on the reference",
                "engine under the kernel before and the kernel after the change that answered a published report; it prints",
                "the simulated figures beside the published ones with the after/before ratio of each, and writes one time",
                "series CSV per kernel and a PNG plot. Throughput is a cost-model proxy, not IOPS (docs/scenarios.md)."})
public final class ScenarioCommand implements Callable<Integer> {
    static final long MAX_SIZE = 10_000_000L;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list or run.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", completionCandidates = CompletionCandidates.ScenarioNames.class,
            description = "With run: the scenario, of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--json", description = "run: print the figures as JSON (one object per scenario, kernel and figure) instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "run: directory for timeseries-KERNEL.csv and the PNG plot (created if missing). Default: scenario-NAME.")
    Path out;

    @Option(names = "--size", paramLabel = "N", converter = WholeNumber.class,
            description = "run: the scenario's size (operations per CPU), 1.." + MAX_SIZE + ". Default: the scenario's own (see list).")
    Long size;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "run: also run the before kernel with this policy switch (repeatable, composed in order): a what-if"
                    + " kernel beside the two. Switches: see --what-if.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--what-if", description = "run: print the policy switches --set takes and this scenario's suggested what-if,"
            + " and run nothing.")
    boolean whatIf;

    @Override
    public Integer call() {
        return switch (action) {
            case "list" -> list();
            case "run" -> run();
            default -> throw new UsageException("scenario: unknown action '" + action + "' (valid: list, run)");
        };
    }

    private int list() {
        if (name != null) throw new UsageException("scenario list: takes no NAME (got '" + name + "')");
        PrintStream o = System.out;
        for (Scenario s : Catalogue.all()) {
            o.printf(Locale.ROOT, "%-26s %s vs %s, default %,d %s%n", s.name(), s.kernels().get(0), s.kernels().get(1),
                    s.defaultSize(), s.sizeUnit());
            o.println("  " + s.title());
        }
        return ExitCodes.OK;
    }

    private static int whatIf(Scenario s) {
        PrintStream o = System.out;
        o.println(s.name() + ": kernels " + String.join(" and ", s.kernels()));
        if (s.whatIf() == null) {
            o.println("no policy what-if: this scenario compares something other than two policies");
            return ExitCodes.OK;
        }
        o.println("suggested what-if: iovasim scenario run " + s.name() + " --set " + s.whatIf());
        o.println("  (runs " + s.kernels().get(0) + "+" + s.whatIf() + " beside the two)");
        o.println("switches (--set KEY=VALUE, repeatable, applied to " + s.kernels().get(0) + " in order):");
        for (String line : PolicySwitches.help()) o.println("  " + line);
        return ExitCodes.OK;
    }

    private int run() {
        if (name == null) throw new UsageException("scenario run: name a scenario (" + String.join(", ", Catalogue.names()) + ")");
        Scenario s = UsageException.refusing("scenario run", () -> Catalogue.byName(name));
        if (whatIf) return whatIf(s);
        long n = size == null ? s.defaultSize() : Check.in("--size", size, 1, MAX_SIZE);
        Path dir = out == null ? Path.of("scenario-" + s.name()) : out;
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException("--out: '" + dir + "' is not a directory");
        ScenarioResult r;
        // the bar ends before anything else is printed
        try (ProgressLine progress = new ProgressLine(System.err, "scenario")) {
            r = s.run(n, dir, sets, progress);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        System.out.print(json ? FigureJson.render(List.of(r)) : FigureTable.render(r));
        System.out.flush();
        return ExitCodes.OK;
    }
}
