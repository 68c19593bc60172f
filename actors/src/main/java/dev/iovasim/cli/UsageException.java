package dev.iovasim.cli;

/** A flag value that parsed but makes no sense; reported as {@code error: ...} with exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
