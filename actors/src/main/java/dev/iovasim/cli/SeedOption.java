package dev.iovasim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed N} as simulate, bench and dma-map-benchmark take it (a picocli mixin: one flag, one
 * type, one default). What the seed chooses is each command's, in {@link FlagHelp}. sweep's
 * {@code --seed} is the first of its repeats' seeds, node's a setting: their own flags.
 */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = WholeNumber.class, descriptionKey = "seed-of")
    long value;
}
