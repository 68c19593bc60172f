package dev.iovasim.sweep;

import dev.iovasim.progress.LogClock;
import dev.iovasim.progress.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tells the user where a sweep is, through {@link dev.iovasim.progress.Progress} (a bar on a
 * terminal, a line every ten seconds otherwise): runs done of the total, the current run, and
 * a line of its own for every failed run and for the end.
 */
public final class SweepProgress {
    private final PrintStream out;
    private final Function<Integer, Progress> opener;
    private Progress progress;
    private int total;
    private int done;
    private long startNanos;

    /** With the progress the sweep reports to given (tests). */
    SweepProgress(PrintStream out, Function<Integer, Progress> opener) {
        this.out = out;
        this.opener = opener;
    }

    /** Progress on {@code out} (standard error). */
    public static SweepProgress forConsole(PrintStream out) {
        return new SweepProgress(out, total -> Progress.open("sweep", total, "runs", 1, out));
    }

    /** The sweep starts with {@code alreadyDone} of {@code total} runs finished by an earlier session. */
    public void start(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "sweep: %d runs, %d already done%n", total, alreadyDone);
        progress = opener.apply(total);
        progress.stepTo(alreadyDone);
    }

    public void running(SweepPoint p) {
        progress.extra(p.label());
    }

    public void finished(SweepPoint p, double seconds, String error) {
        done++;
        if (error != null) progress.note(String.format(Locale.ROOT, "sweep: %s: failed after %.1f s: %s", p.label(), seconds, error));
        progress.stepTo(done);
    }

    /** The sweep stopped (finished or not). */
    public void end() {
        if (progress != null) progress.close();
        out.printf(Locale.ROOT, "sweep: %d/%d runs done in %s%n", done, total, LogClock.format((System.nanoTime() - startNanos) / 1e9));
    }
}
