package dev.iovasim.cli;

import java.util.function.Supplier;

/** A flag value that parsed but makes no sense; reported as {@code error: ...} with exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /**
     * {@code value.get()}, where an {@link IllegalArgumentException} (a parser's or a catalogue's
     * refusal) becomes a usage error: its message after {@code "flag: "}, or alone when
     * {@code flag} is null (the message already names what it refuses).
     */
    static <T> T refusing(String flag, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag == null ? e.getMessage() : flag + ": " + e.getMessage());
        }
    }
}
