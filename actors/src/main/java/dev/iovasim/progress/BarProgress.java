package dev.iovasim.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The terminal's progress: me.tongfei's bar, redrawn in place with elapsed time and an estimate of the rest. */
final class BarProgress extends Progress {
    private final ProgressBar bar;
    private final PrintStream err;

    BarProgress(String task, long total, String unit, long unitSize, PrintStream err) {
        this.err = err;
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, unitSize)
                .setUpdateIntervalMillis((int) TERMINAL_EVERY_MILLIS).setConsumer(new ConsoleProgressBarConsumer(err))
                .hideEta().build();
    }

    @Override
    public void stepTo(long done) {
        bar.stepTo(done);
    }

    @Override
    public void extra(String message) {
        bar.setExtraMessage(" " + message);
    }

    @Override
    public void note(String line) {
        // erase the bar's line, print the note, and let the next refresh draw the bar below it
        err.print("\r\u001b[K" + line + System.lineSeparator());
        err.flush();
    }

    @Override
    public void close() {
        bar.close();
    }
}
