package dev.iovasim.progress;

import java.io.PrintStream;

/**
 * One task's progress: how far it is ({@link #stepTo}) of a total (0 when unknown), a short
 * note on what it is doing now ({@link #extra}), and lines that must stay on screen
 * ({@link #note}, e.g. a failed run). Close it before writing anything else to the stream.
 */
public abstract class Progress implements AutoCloseable {
    /** Progress ten times a second. */
    static final long TERMINAL_EVERY_MILLIS = 100;
    /** A plain line at most this often when the stream is not a terminal. */
    public static final long LOG_EVERY_NANOS = 10_000_000_000L;

    /**
     * A bar on {@code err} when this process has a terminal, plain lines otherwise.
     *
     * @param task     the command's name, first on every line
     * @param total    the amount of work, 0 when unknown
     * @param unit     what is counted ({@code "ops"}, {@code "MB"}, {@code "runs"})
     * @param unitSize how many counted things one unit is (2^20 for bytes shown in MB), else 1
     */
    public static Progress open(String task, long total, String unit, long unitSize, PrintStream err) {
        return System.console() != null ? new BarProgress(task, total, unit, unitSize, err)
                : new LogProgress(task, total, unit, unitSize, err, System::nanoTime);
    }

    /** Work done so far, in counted things. */
    public abstract void stepTo(long done);

    /** What is being done now, shown after the figures. */
    public abstract void extra(String message);

    /** A line of its own that stays on screen. */
    public abstract void note(String line);

    /** Ends the bar (or the log's lines); the stream is free for other output again. */
    @Override
    public abstract void close();
}
