package dev.iovasim.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code --search}: how the simulated tree finds a free range (both give the same pfns). */
enum SearchMode {
    /** The augmented tree's subtree-gap search: the same pfns, far fewer nodes touched. */
    GAP,
    /** The kernel's own walk, node by node. */
    LINEAR;

    /** The name {@code --search} takes. */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean gaps() {
        return this == GAP;
    }

    static SearchMode of(String text) {
        for (SearchMode m : values()) {
            if (m.flag().equals(text)) return m;
        }
        throw new UsageException("--search: expected " + Arrays.stream(values()).map(m -> "'" + m.flag() + "'")
                .collect(Collectors.joining(" or ")) + ", got '" + text + "'");
    }
}
