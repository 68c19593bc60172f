package dev.iovasim.actors;

import java.util.List;

/**
 * The fan-out shapes {@code --fanout} can name: one catalogue that the CLI's help and checks, the
 * cluster, the sweep's axis, the soak, the docs table (docs/cluster-notes.md) and the tests read.
 * A new shape is one {@link FanOutShape} file, its line here and its test.
 */
public final class FanOutCatalogue {
    public static final FanOutShape DIRECT = DirectFanOut.SHAPE;
    public static final FanOutShape PER_NODE = PerNodeFanOut.SHAPE;
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
        for (FanOutShape s : ALL) {
            if (s.name().equals(name)) return s;
        }
        List<String> quoted = names().stream().map(n -> "'" + n + "'").toList();
        String valid = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        throw new IllegalArgumentException("expected " + valid + ", got '" + name + "'");
    }
}
