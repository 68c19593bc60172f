package dev.iovasim.allocator.trace;

/** A trace line that breaks the format: replay stops with {@code error: line N: why: text}. */
public final class TraceException extends LineException {
    public TraceException(long line, String why, String text) {
        super(line, why, text);
    }
}
