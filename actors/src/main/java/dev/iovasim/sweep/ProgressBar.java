package dev.iovasim.sweep;

import java.io.PrintStream;
import java.util.Locale;

/** The terminal's progress: one line, redrawn in place; failed runs are printed above it. */
final class ProgressBar extends Progress {
    private static final int WIDTH = 24;
    /** Erase to the end of the line, so a shorter redraw leaves nothing behind. */
    private static final String CLEAR = "\u001b[K";
    private final PrintStream out;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    protected void started(int alreadyDone) {
        if (alreadyDone > 0) out.printf(Locale.ROOT, "resuming: %d of %d runs already done%n", alreadyDone, total());
    }

    @Override
    protected void show(SweepPoint p) {
        int filled = total() == 0 ? WIDTH : done() * WIDTH / total();
        out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %s  elapsed %s  remaining ~%s%s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), done(), total(), p.label(),
                clock(elapsedSeconds()), clock(remainingSeconds()), CLEAR);
        out.flush();
    }

    @Override
    protected void completed(SweepPoint p, double seconds, String error) {
        if (error != null) out.printf(Locale.ROOT, "\r%s: failed: %s%s%n", p.label(), error, CLEAR);
    }

    @Override
    public void end() {
        out.printf(Locale.ROOT, "\r%d/%d runs done in %s%s%n", done(), total(), clock(elapsedSeconds()), CLEAR);
        out.flush();
    }
}
