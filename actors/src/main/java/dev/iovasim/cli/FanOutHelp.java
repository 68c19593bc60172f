package dev.iovasim.cli;

import dev.iovasim.actors.FanOutCatalogue;
import java.util.ListResourceBundle;
import java.util.stream.Collectors;

/**
 * The help of the cluster flags the commands word their own way: every {@code --fanout} option,
 * written from the {@link FanOutCatalogue} catalogue (each shape's name and summary) so that no help
 * string describes the shapes by hand, and {@code --link-delay}. Picocli reads it as the resource
 * bundle of every command with a --fanout (and of {@link ClusterOptions}, for a new command that
 * mixes it in). The key says whose option it is: each command keeps its own lead-in (what its
 * --fanout does there) and default; a key prefixed with a command's qualified name
 * ("iovasim.node.") is that command's own.
 */
public final class FanOutHelp extends ListResourceBundle {
    /** What every {@code --link-delay} ({@link LinkDelayOption}) does. */
    private static final String LINK_DELAY = "one-way delay each node adds in user space to every message it receives"
            + " (a relay in front of its cluster port, for kernels without tc netem), e.g. 100us or 1ms";

    /**
     * Picocli gives a command one bundle for all its options, its mixins' included (the command's
     * own, else the last mixin's): this one falls back to {@link PolicyHelp}, so that the commands
     * with it keep --set's, --json's and --seed's.
     */
    public FanOutHelp() {
        setParent(new PolicyHelp());
    }

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"fanout.cluster", "With --nodes, how a flush reaches the CPUs, one of:" + shapes() + "%nDefault: ${DEFAULT-VALUE}."},
            {"fanout.node", "Flush fan-out shape (IOVASIM_FANOUT), one of:" + shapes()},
            {"fanout.sweep", "How a flush reaches the CPUs (with --nodes 2 or more), of:" + shapes() + "%nDefault: ${DEFAULT-VALUE}."},
            {"fanout.soak", "How a flush reaches the CPUs, one of:" + shapes()},
            {"link-delay", "With --nodes, a " + LINK_DELAY + ". Default: 0s."},
            {"iovasim.node.link-delay", "A " + LINK_DELAY + " (IOVASIM_LINK_DELAY)."},
        };
    }

    private static String shapes() {
        return FanOutCatalogue.help().stream().map(line -> "%n  " + line.replace("%", "%%")).collect(Collectors.joining());
    }
}
