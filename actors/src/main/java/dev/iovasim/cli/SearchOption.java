package dev.iovasim.cli;

import picocli.CommandLine.Option;

/** {@code --search} as simulate, replay, bench and dma-map-benchmark take it (a picocli mixin: one flag, one help text). */
final class SearchOption {
    @Option(names = "--search", paramLabel = "MODE", defaultValue = "gap", completionCandidates = CompletionCandidates.Searches.class,
            description = "Tree search, of: ${COMPLETION-CANDIDATES}. 'gap' (augmented, same pfns, faster) or 'linear'"
                    + " (the kernel's walk). Default: ${DEFAULT-VALUE}.")
    String text;

    /** The chosen search; an unknown name is a usage error naming the flag. */
    SearchMode mode() {
        return SearchMode.of(text);
    }
}
