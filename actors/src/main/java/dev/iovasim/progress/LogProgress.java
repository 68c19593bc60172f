package dev.iovasim.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for logs and pipes: a plain line at most every ten seconds (task, done of total,
 * elapsed, an estimate of the rest at the pace so far, the current extra), and every note.
 */
public final class LogProgress extends Progress {
    private final String task;
    private final long total;
    private final String unit;
    private final long unitSize;
    private final PrintStream err;
    private final LongSupplier nanos;
    private final long started;
    private long lastLine;
    private long done;
    private long firstDone = -1;
    private String extra = "";

    /** With the clock given, so that a test can move time on. */
    public LogProgress(String task, long total, String unit, long unitSize, PrintStream err, LongSupplier nanos) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.unitSize = Math.max(1, unitSize);
        this.err = err;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastLine = started;
    }

    @Override
    public void stepTo(long done) {
        if (firstDone < 0) firstDone = done;
        this.done = done;
        long now = nanos.getAsLong();
        if (now - lastLine < LOG_EVERY_NANOS) return;
        lastLine = now;
        err.println(line(now));
    }

    private String line(long now) {
        double elapsed = (now - started) / 1e9;
        StringBuilder b = new StringBuilder(task).append(": ").append(String.format(Locale.ROOT, "%,d", done / unitSize));
        if (total > 0) b.append(String.format(Locale.ROOT, "/%,d", total / unitSize));
        b.append(' ').append(unit).append(", elapsed ").append(LogClock.format(elapsed));
        // the pace of this session only: work done before it (a resumed sweep) took no time here
        long here = done - Math.max(0, firstDone);
        if (total > 0 && here > 0) b.append(", left ~").append(LogClock.format(elapsed / here * (total - done)));
        if (!extra.isEmpty()) b.append(", ").append(extra);
        return b.toString();
    }

    @Override
    public void extra(String message) {
        this.extra = message;
    }

    @Override
    public void note(String line) {
        err.println(line);
    }

    @Override
    public void close() {
        err.flush();
    }
}
