package dev.iovasim.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A whole-number flag value; underscores may group digits (1_000_000). Main reports a bad one
 * as {@code error: --flag: expected a whole number, got 'x'}. Ranges are checked by
 * {@link Check}, once the command knows its limits.
 */
final class WholeNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        try {
            return Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a whole number, got '" + text + "'");
        }
    }
}
