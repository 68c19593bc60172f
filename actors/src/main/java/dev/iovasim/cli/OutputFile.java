package dev.iovasim.cli;

import dev.iovasim.allocator.trace.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A file the command will write: refused before the run (not after it) when it names a
 * directory or its directory is missing or read-only, and (each command's call, as it knows its
 * inputs: {@link #refuseInput}) when it is one of the files the run reads. Written compressed as its
 * name's suffix says ({@link Compression}: .gz, .xz, .zst); a command's main result ({@link #open})
 * is removed when the run fails, so that no partial file is left behind.
 */
final class OutputFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String text) {
        if (text.isBlank()) throw new TypeConversionException("empty file name");
        Path p = Path.of(text).toAbsolutePath();
        if (Files.isDirectory(p)) throw new TypeConversionException("'" + text + "' is a directory");
        Path dir = p.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new TypeConversionException("no such directory: " + dir);
        if (dir != null && !Files.isWritable(dir)) throw new TypeConversionException("cannot write in " + dir);
        return p;
    }

    /**
     * A directory the command creates if missing and writes into (sweep --out, dma-map-benchmark
     * --sweep-threads): refused when it, or the nearest of its parents that exists, is not a
     * directory, or that parent is read-only.
     */
    static final class Directory implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isBlank()) throw new TypeConversionException("empty directory name");
            Path p = Path.of(text);
            Path existing = p.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null) return p;
            boolean itself = existing.equals(p.toAbsolutePath());
            if (!Files.isDirectory(existing)) {
                throw new TypeConversionException("'" + (itself ? text : existing) + "' exists and is not a directory");
            }
            if (!itself && !Files.isWritable(existing)) throw new TypeConversionException("cannot write in " + existing);
            return p;
        }
    }

    /**
     * Refuses {@code output} (given as {@code flag}; null: not given) when it is the same file as
     * {@code input} (null: standard input), under any name or link: opening it would truncate what
     * the run is about to read. {@code what} names the input: "the input file", "the --reserved file".
     */
    static void refuseInput(String flag, Path output, Path input, String what) {
        if (output == null || input == null || !Files.exists(output)) return;
        boolean same;
        try {
            same = Files.isSameFile(output, input);
        } catch (IOException e) {
            return; // the input cannot be looked at: opening it says why
        }
        if (same) throw new UsageException(flag + ": is " + what + " " + input);
    }

    /**
     * A command's result: {@code file}, compressed as its name says, or standard output when it is
     * null. The file is removed on {@link Written#close} unless the command called {@link Written#keep}.
     */
    static Written open(Path file) throws IOException {
        return file == null ? new Written(null, StandardOutput.open()) : new Written(file, Compression.create(file));
    }

    /** What {@link #open} returns. */
    static final class Written extends OutputStream {
        private final Path file;
        private final OutputStream out;
        private boolean kept;
        private boolean closed;

        private Written(Path file, OutputStream out) {
            this.file = file;
            this.out = out;
        }

        /** The run is complete (or its output is, as a conservation failure's): keep the file. */
        void keep() {
            kept = true;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                out.close();
            } finally {
                // a regular file only: never a device or a pipe named as the output (-o /dev/stdout)
                if (!kept && file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(file);
            }
        }
    }
}
