package dev.iovasim.cli;

import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunSpec;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of a run on standard error: one line rewritten in place (carriage return) on a
 * terminal, at most ten times a second; a plain line every few seconds otherwise, so logs stay
 * short.
 */
final class ProgressLine implements ProgressListener {
    private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastShown;
    private boolean open;

    ProgressLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.lastShown = started;
    }

    @Override
    public void progress(RunSpec spec, long done, long total) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) return;
        lastShown = now;
        String line = String.format(Locale.ROOT, "simulate: %s %s %,d%s ops, %.1f s", spec.policy().name(),
                spec.workload().name(), done, total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "",
                (now - started) / 1e9);
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
