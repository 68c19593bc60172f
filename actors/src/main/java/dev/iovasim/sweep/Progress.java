package dev.iovasim.sweep;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Tells the user where a sweep is: runs done of the total, the current run, elapsed time and
 * an estimate of the rest (the mean time of this session's runs times the runs left).
 */
public abstract class Progress {
    private int total;
    private int done;
    private int doneHere;
    private long startNanos;

    /** A redrawn bar on a terminal, plain lines otherwise; both on {@code out} (stderr). */
    public static Progress forConsole(PrintStream out) {
        return System.console() != null ? new ProgressBar(out) : new ProgressLines(out);
    }

    /** The sweep starts with {@code alreadyDone} of {@code total} runs finished by an earlier session. */
    public final void start(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.startNanos = System.nanoTime();
        started(alreadyDone);
    }

    public final void running(SweepPoint p) {
        show(p);
    }

    public final void finished(SweepPoint p, double seconds, String error) {
        done++;
        doneHere++;
        completed(p, seconds, error);
    }

    /** The sweep stopped (finished or not). */
    public abstract void end();

    protected abstract void started(int alreadyDone);

    protected abstract void show(SweepPoint p);

    protected abstract void completed(SweepPoint p, double seconds, String error);

    protected final int total() {
        return total;
    }

    protected final int done() {
        return done;
    }

    protected final double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Seconds left by this session's pace; NaN before the first run ends. */
    protected final double remainingSeconds() {
        return doneHere == 0 ? Double.NaN : elapsedSeconds() / doneHere * (total - done);
    }

    protected static String clock(double seconds) {
        if (Double.isNaN(seconds)) return "?";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
