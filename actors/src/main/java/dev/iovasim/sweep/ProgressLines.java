package dev.iovasim.sweep;

import java.io.PrintStream;
import java.util.Locale;

/** Progress for logs and pipes: one plain line per finished run. */
final class ProgressLines extends Progress {
    private final PrintStream out;

    ProgressLines(PrintStream out) {
        this.out = out;
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
        out.printf(Locale.ROOT, "sweep: %d/%d %s: %s in %.1f s, elapsed %s, remaining ~%s%n", done(), total(), p.label(),
                error == null ? "ok" : "failed: " + error, seconds, clock(elapsedSeconds()), clock(remainingSeconds()));
    }

    @Override
    public void end() {
        out.printf(Locale.ROOT, "sweep: %d/%d runs done in %s%n", done(), total(), clock(elapsedSeconds()));
    }
}
