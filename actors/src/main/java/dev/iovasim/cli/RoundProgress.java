package dev.iovasim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * flushbench's progress on standard error: rounds done, warm-up or timed, rewritten in place on a
 * terminal (at most ten times a second), a plain line every five seconds otherwise.
 */
final class RoundProgress implements IntConsumer {
    private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final int warmup;
    private final int rounds;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean open;

    RoundProgress(PrintStream err, boolean terminal, int warmup, int rounds) {
        this.err = err;
        this.terminal = terminal;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    @Override
    public void accept(int round) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) return;
        lastShown = now;
        String phase = round < warmup
                ? String.format(Locale.ROOT, "warm-up %,d of %,d", round + 1, warmup)
                : String.format(Locale.ROOT, "timed %,d of %,d", round + 1 - warmup, rounds);
        String line = String.format(Locale.ROOT, "flushbench: %s rounds, %.1f s", phase, (now - started) / 1e9);
        if (terminal) {
            err.print("\r" + line + "   ");
            open = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the rewritten line before the results. */
    void finish() {
        if (open) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
            open = false;
        }
    }
}
