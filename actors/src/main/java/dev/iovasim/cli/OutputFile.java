package dev.iovasim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A file the command will write: refused before the run (not after it) when it names a
 * directory or its directory is missing or read-only.
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
}
