package dev.iovasim.allocator.trace;

/** A trace line that breaks the format: replay stops with {@code error: line N: why: text}. */
public final class TraceException extends Exception {
    private final long line;
    private final String why;
    private final String text;

    public TraceException(long line, String why, String text) {
        super("line " + line + ": " + why + ": " + text);
        this.line = line;
        this.why = why;
        this.text = text;
    }

    public long line() {
        return line;
    }

    public String why() {
        return why;
    }

    public String text() {
        return text;
    }
}
