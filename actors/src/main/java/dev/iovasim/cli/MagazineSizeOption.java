package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import picocli.CommandLine.Option;

/** {@code --magazine-size} as every command that builds allocators takes it (a picocli mixin: one flag, one help text). */
final class MagazineSizeOption {
    static final int MAX = 1 << 16;

    @Option(names = "--magazine-size", paramLabel = "N", converter = WholeNumber.class,
            description = "pfns per magazine, 1.." + MAX + ", overriding the preset's (128 before v6.0, 127 after).")
    Long size;

    /** {@code p} with the size given (none: the preset's); a size out of range is a usage error. */
    Policy apply(Policy p) {
        return size == null ? p : p.withMagazineSize((int) Check.in("--magazine-size", size, 1, MAX));
    }
}
