package dev.iovasim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;

/** flushbench's progress: rounds done, warm-up or timed. */
final class RoundProgress implements IntConsumer {
    private final StatusLine line;
    private final int warmup;
    private final int rounds;

    RoundProgress(PrintStream err, boolean terminal, int warmup, int rounds) {
        this.line = new StatusLine(err, terminal);
        this.warmup = warmup;
        this.rounds = rounds;
    }

    @Override
    public void accept(int round) {
        if (!line.due()) return;
        String phase = round < warmup
                ? String.format(Locale.ROOT, "warm-up %,d of %,d", round + 1, warmup)
                : String.format(Locale.ROOT, "timed %,d of %,d", round + 1 - warmup, rounds);
        line.show(String.format(Locale.ROOT, "flushbench: %s rounds, %.1f s", phase, line.seconds()));
    }

    void finish() {
        line.finish();
    }
}
