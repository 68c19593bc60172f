package dev.iovasim.cli;

import dev.iovasim.progress.Progress;
import java.io.PrintStream;
import java.util.function.IntConsumer;

/** flushbench's progress: rounds done of warm-up plus timed ones, and which phase. */
final class RoundProgress implements IntConsumer {
    private final Progress progress;
    private final int warmup;

    RoundProgress(PrintStream err, int warmup, int rounds) {
        this.progress = Progress.open("flushbench", (long) warmup + rounds, "rounds", 1, err);
        this.warmup = warmup;
    }

    @Override
    public void accept(int round) {
        progress.extra(round < warmup ? "warm-up" : "timed");
        progress.stepTo(round + 1L);
    }

    void finish() {
        progress.close();
    }
}
