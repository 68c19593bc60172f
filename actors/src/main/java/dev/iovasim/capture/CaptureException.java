package dev.iovasim.capture;

/** A capture line that cannot be read (under {@code --strict}), or input that is no capture at all. */
public final class CaptureException extends Exception {
    private final long line;
    private final String why;
    private final String text;

    public CaptureException(long line, String why, String text) {
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
