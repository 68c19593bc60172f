package dev.iovasim.sweep;

import java.io.PrintStream;
import java.util.Locale;

/** The terminal's progress: one line, redrawn in place; failed runs are printed above it. */
final class ProgressBar extends Progress {
    private static final int WIDTH = 20;
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
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d  elapsed %s  left ~%s  %s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), done(), total(),
                clock(elapsedSeconds()), clock(remainingSeconds()), p.label());
        // a line longer than the terminal wraps, and \r would then redraw only its last part
        int columns = columns();
        if (line.length() >= columns) line = line.substring(0, columns - 1);
        out.print("\r" + line + CLEAR);
        out.flush();
    }

    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
        } catch (NumberFormatException e) {
            return 80;
        }
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
