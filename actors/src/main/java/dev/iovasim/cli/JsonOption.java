package dev.iovasim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --json FILE} as simulate and flushbench take it (a picocli mixin: one flag, one type, one
 * checked path): the run's figures as JSON besides what the command prints. What the file holds is
 * each command's, in {@link FlagHelp}.
 */
final class JsonOption {
    @Option(names = "--json", paramLabel = "FILE", converter = OutputFile.class, descriptionKey = "json")
    Path file;
}
