package dev.iovasim.cli;

import picocli.CommandLine.Option;

/** {@code --check-every} as simulate and replay take it (a picocli mixin: one flag, one help text). */
final class CheckEveryOption {
    @Option(names = "--check-every", paramLabel = "N", defaultValue = "0", converter = WholeNumber.class,
            description = "Also run the conservation check every N operations (it always runs at the end). Default: ${DEFAULT-VALUE}.")
    long every;

    /** Operations between two checks, 0 for the final one only; a negative value is a usage error. */
    long every() {
        return Check.in("--check-every", every, 0, Long.MAX_VALUE);
    }
}
