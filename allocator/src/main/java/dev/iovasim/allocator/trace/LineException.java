package dev.iovasim.allocator.trace;

/**
 * A line of text input that cannot be read: its number (0 when the input as a whole is wrong),
 * why, and the line itself. The message reads {@code line N: why: text}, or only {@code why}
 * without a line; the trace reader and the capture importer report their lines the same way.
 */
public abstract class LineException extends Exception {
    private final long line;
    private final String why;
    private final String text;

    protected LineException(long line, String why, String text) {
        super(line > 0 ? "line " + line + ": " + why + ": " + text : why);
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
