package dev.iovasim.cli;

import dev.iovasim.allocator.trace.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file a command reads, named on its command line: a missing one is Main's "no such file", a
 * directory a usage error naming it. Read decompressed ({@link Compression}: gzip, xz or zstd, told
 * by the first bytes); one that does not decompress is Main's to report, naming it.
 */
final class InputFile {
    /** Standard input's name on a command line. */
    static final String STDIN = "-";

    private InputFile() {
    }

    /** {@code name}, checked; {@code flag} (null for a positional file) goes before the message. */
    static Path existing(String flag, String name) throws NoSuchFileException {
        Path p = Path.of(name);
        if (!Files.exists(p)) throw new NoSuchFileException(name);
        if (Files.isDirectory(p)) throw new UsageException((flag == null ? "" : flag + ": ") + name + ": is a directory, not a file");
        return p;
    }

    /** The decompressed bytes of file {@code name}, or of standard input for {@link #STDIN}. */
    static InputStream open(String name) throws IOException {
        if (name.equals(STDIN)) return Compression.decompress(System.in, "standard input");
        return Compression.decompress(Files.newInputStream(existing(null, name)), name);
    }
}
