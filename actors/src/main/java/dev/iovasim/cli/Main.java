package dev.iovasim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iovasim} command line. Usage errors exit 2, like a bad trace. */
@Command(name = "iovasim",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Simulates the Linux IOVA allocator (drivers/iommu/iova.c) and its per-CPU rcache.",
        subcommands = {SimulateCommand.class, ReplayCommand.class, SweepCommand.class, FlushbenchCommand.class, NodeCommand.class,
            BenchCommand.class, ImportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        // initialise logging before any actor system does so from several threads at once,
        // which makes SLF4J print a "replayed calls" notice
        org.slf4j.LoggerFactory.getILoggerFactory();
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("see: iovasim " + ex.getCommandLine().getCommandName() + " --help");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof UsageException) {
                c.getErr().println("error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
