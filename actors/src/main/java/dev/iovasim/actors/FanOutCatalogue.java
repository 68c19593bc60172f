package dev.iovasim.actors;

import java.util.ArrayList;
import java.util.List;

/**
 * The fan-out shapes {@code --fanout} can name: one catalogue that the CLI's help and checks, the
 * cluster, the sweep's axis, the soak, the docs table (docs/cluster-notes.md) and the tests read.
 * A new shape is one {@link FanOutShape} here, its line in {@link #all} and its test.
 */
public final class FanOutCatalogue {
    /** One Flush to every CPU actor, as the kernel's flush visits every CPU's caches: the default. */
    public static final FanOutShape DIRECT = new FanOutShape("direct",
            "one Flush to every CPU actor, each answering for itself, as the kernel visits every CPU", false,
            (cpus, flusher, first) -> {
                List<FanOutTargets.Target> out = new ArrayList<>(cpus.size());
                for (int i = 0; i < cpus.size(); i++) out.add(new FanOutTargets.Target(cpus.get(i), first + i, 1));
                return out;
            });
    /**
     * One Flush to each cpu node's flusher, which flushes the node's CPUs locally and answers once
     * for all of them: fewer messages between JVMs, one more hop inside the node.
     */
    public static final FanOutShape PER_NODE = new FanOutShape("per-node",
            "one Flush to each cpu node, which flushes its CPUs locally and answers once for them", true,
            (cpus, flusher, first) -> cpus.isEmpty() ? List.of() : List.of(new FanOutTargets.Target(flusher, first, cpus.size())));
    private static final List<FanOutShape> ALL = List.of(DIRECT, PER_NODE);

    private FanOutCatalogue() {
    }

    /** Every shape, the default ({@code direct}) first. */
    public static List<FanOutShape> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(FanOutShape::name).toList();
    }

    /** One line per shape for help texts: its name and summary. */
    public static List<String> help() {
        return ALL.stream().map(s -> s.name() + ": " + s.summary()).toList();
    }

    /** The shape called {@code name}; an unknown name throws {@link IllegalArgumentException} naming the valid ones. */
    public static FanOutShape of(String name) {
        List<String> quoted = names().stream().map(n -> "'" + n + "'").toList();
        String valid = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected " + valid + ", got '" + name + "'"));
    }
}
