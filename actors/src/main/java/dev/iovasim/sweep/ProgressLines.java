package dev.iovasim.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for logs and pipes: a line when the sweep starts and ends, a failed run's line, and
 * otherwise at most one line every ten seconds, so that a long sweep's log stays readable.
 */
final class ProgressLines extends Progress {
    static final long EVERY_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final LongSupplier nanos;
    private long lastLine;

    ProgressLines(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** With the clock given, so that a test can move time on. */
    ProgressLines(PrintStream out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
        this.lastLine = nanos.getAsLong();
    }

    @Override
    protected void started(int alreadyDone) {
        out.printf(Locale.ROOT, "sweep: %d runs, %d already done%n", total(), alreadyDone);
    }

    @Override
    protected void show(SweepPoint p) {
    }

    @Override
    protected void completed(SweepPoint p, double seconds, String error) {
        long now = nanos.getAsLong();
        if (error == null && now - lastLine < EVERY_NANOS) return;
        lastLine = now;
        out.printf(Locale.ROOT, "sweep: %d/%d %s: %s in %.1f s, elapsed %s, remaining ~%s%n", done(), total(), p.label(),
                error == null ? "ok" : "failed: " + error, seconds, clock(elapsedSeconds()), clock(remainingSeconds()));
    }

    @Override
    public void end() {
        out.printf(Locale.ROOT, "sweep: %d/%d runs done in %s%n", done(), total(), clock(elapsedSeconds()));
    }
}
