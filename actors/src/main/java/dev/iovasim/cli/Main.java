package dev.iovasim.cli;

import dev.iovasim.actors.EngineTimeout;
import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.mapbench.MapBenchmark;
import dev.iovasim.allocator.trace.Compression;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iovasim} command line; exit statuses are those of {@link ExitCodes}. */
@Command(name = "iovasim",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Simulates the Linux IOVA allocator (drivers/iommu/iova.c) and its per-CPU rcache.",
        subcommands = {SimulateCommand.class, ReplayCommand.class, SweepCommand.class, FlushbenchCommand.class, NodeCommand.class,
            BenchCommand.class, ImportCommand.class, DmaMapBenchmarkCommand.class, ScenarioCommand.class, TlsKeysCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int HELP_WIDTH = 120;

    /**
     * The failures a command lets through on purpose, with their exit status: {@code error: MESSAGE}, no stack trace.
     * Looked up by exact class: each is final.
     */
    private static final Map<Class<? extends RuntimeException>, Integer> KNOWN = Map.of(
            UsageException.class, ExitCodes.USAGE,
            ConservationFailure.class, ExitCodes.CONSERVATION,
            // a known way for a run to fail (an actor or cpu node did not answer in time)
            EngineTimeout.class, ExitCodes.FAILURE,
            // dma-map-benchmark: a map found no IOVA, where the kernel's benchmark fails too
            MapBenchmark.MapFailed.class, ExitCodes.FAILURE);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        // initialise logging before any actor system does so from several threads at once,
        // which makes SLF4J print a "replayed calls" notice
        org.slf4j.LoggerFactory.getILoggerFactory();
        return commandLine().execute(args);
    }

    /** The whole command tree, as run; the help tests read the same one. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        configureHelp(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + message(ex));
            // the top command's name is the program's: "iovasim --help", "iovasim simulate --help"
            ex.getCommandLine().getErr().println("see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            String file = fileProblem(ex);
            if (file != null) {
                c.getErr().println("error: " + file);
                return ExitCodes.USAGE;
            }
            if (ex instanceof Compression.CorruptInput corrupt) {
                // a truncated or corrupt .gz, .xz or .zst input; the message names it
                c.getErr().println("error: " + corrupt.getMessage());
                return ExitCodes.USAGE;
            }
            Integer known = KNOWN.get(ex.getClass());
            if (known != null) {
                c.getErr().println("error: " + ex.getMessage());
                return known;
            }
            // a bug or an environment failure: say what, keep the trace for a report, exit 1
            c.getErr().println("error: " + ex);
            ex.printStackTrace(c.getErr());
            return ExitCodes.FAILURE;
        });
        return cl;
    }

    /**
     * What is wrong with a file named on the command line (a trace, a capture, a reserved-regions
     * file), or null if {@code ex} is not about one: missing, or not readable by this user; also
     * when a stream wrapped it in an {@link UncheckedIOException}.
     */
    static String fileProblem(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof NoSuchFileException missing) return "no such file: " + missing.getFile();
        if (e instanceof AccessDeniedException denied) return "permission denied: " + denied.getFile();
        return null;
    }

    /** A bad value reads {@code --flag: why}, as the commands' own checks do. */
    private static String message(CommandLine.ParameterException ex) {
        if (ex.getCause() instanceof CommandLine.TypeConversionException bad
                && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
            return o.longestName() + ": " + bad.getMessage();
        }
        return ex.getMessage();
    }

    /**
     * Every command's --help is 120 columns wide (the descriptions are written for it, as is
     * simulate's table) and ends with the same exit status list; every command's --version is the
     * top command's (picocli does not pass a version provider down, so a subcommand's printed an
     * empty line).
     */
    private static void configureHelp(CommandLine cl) {
        cl.getCommandSpec().usageMessage().width(HELP_WIDTH)
                .exitCodeListHeading("%nExit status:%n").exitCodeList(ExitCodes.meanings());
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(cl.getCommandSpec().versionProvider());
            configureHelp(sub);
        }
    }

    @Override
    public void run() {
        // with no command: the same 120-column usage, with the exit status list, as --help
        commandLine().usage(System.out);
    }
}
