package dev.iovasim.cli;

import java.io.PrintStream;

/**
 * One status line on standard error: rewritten in place (carriage return) on a terminal, at most
 * ten times a second; a plain line every ten seconds otherwise, so logs stay short.
 */
final class StatusLine {
    private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean open;

    StatusLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether a new line is due; when it is, the caller builds it and calls {@link #show}. */
    boolean due() {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) return false;
        lastShown = now;
        return true;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    void show(String line) {
        if (terminal) {
            err.print("\r" + line + "   ");
            open = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the rewritten line before other output. */
    void finish() {
        if (open) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
            open = false;
        }
    }
}
