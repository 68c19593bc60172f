package dev.iovasim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Parses flag values given as text, so that every bad one reads {@code error: --flag: why}. */
final class Flags {
    private Flags() {
    }

    /** A whole number in {@code min..max}. */
    static long longIn(String flag, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + text + "'");
        }
        if (v < min || v > max) {
            throw new UsageException(flag + ": must be " + (max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max)
                    + ", got " + v);
        }
        return v;
    }

    static long anyLong(String flag, String text) {
        return longIn(flag, text, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A file to write, or null; its directory must exist and it must not be a directory. */
    static Path outputFile(String flag, String text) {
        if (text == null) return null;
        if (text.isBlank()) throw new UsageException(flag + ": empty file name");
        Path p = Path.of(text).toAbsolutePath();
        if (Files.isDirectory(p)) throw new UsageException(flag + ": '" + text + "' is a directory");
        Path dir = p.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new UsageException(flag + ": no such directory: " + dir);
        if (dir != null && !Files.isWritable(dir)) throw new UsageException(flag + ": cannot write in " + dir);
        return p;
    }
}
