package dev.iovasim.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --search} as simulate, replay, bench and dma-map-benchmark take it (a picocli mixin: one flag, one help text). */
final class SearchOption {
    /**
     * How the simulated tree finds a free range (both give the same pfns): the augmented tree's
     * subtree-gap search (far fewer nodes touched), or the kernel's own walk, node by node.
     */
    static final List<String> MODES = List.of("gap", "linear");

    @Option(names = "--search", paramLabel = "MODE", defaultValue = "gap", completionCandidates = CompletionCandidates.Searches.class,
            description = "Tree search, of: ${COMPLETION-CANDIDATES}. 'gap' (augmented, same pfns, faster) or 'linear'"
                    + " (the kernel's walk). Default: ${DEFAULT-VALUE}.")
    String text;

    /** Whether the chosen search is the gap search; an unknown name is a usage error naming the flag. */
    boolean gaps() {
        if (!MODES.contains(text)) {
            throw new UsageException("--search: expected " + MODES.stream().map(m -> "'" + m + "'").collect(Collectors.joining(" or "))
                    + ", got '" + text + "'");
        }
        return text.equals("gap");
    }
}
