package dev.iovasim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --link-delay D} as the commands with {@link ClusterOptions} and {@code node} take it (a
 * picocli mixin: one flag, one type; {@code node} passes the text on as its iovasim.link-delay
 * setting). Its help is in {@link FlagHelp}: one sentence, with {@code node}'s variable under
 * that command's key.
 */
final class LinkDelayOption {
    /** The duration as given (HOCON's syntax, read by NodePlacement), or null when not given. */
    @Option(names = "--link-delay", paramLabel = "D", descriptionKey = "link-delay")
    String text;
}
