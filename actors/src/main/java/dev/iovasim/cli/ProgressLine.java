package dev.iovasim.cli;

import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.progress.Progress;
import java.io.PrintStream;

/** The progress of simulate's runs: operations done of the total, one bar per policy and workload. */
final class ProgressLine implements ProgressListener, AutoCloseable {
    private final PrintStream err;
    private final String task;
    private Progress progress;
    private RunSpec shown;

    /** {@code task}: the command shown first on the line. */
    ProgressLine(PrintStream err, String task) {
        this.err = err;
        this.task = task;
    }

    @Override
    public void progress(RunSpec spec, long done, long total) {
        if (spec != shown) {
            close();
            progress = Progress.open(task, total, "ops", 1, err);
            progress.extra(spec.policy().name() + " " + spec.workload().name());
            shown = spec;
        }
        progress.stepTo(done);
    }

    /** Ends the bar before other output. */
    @Override
    public void close() {
        if (progress != null) progress.close();
        progress = null;
        shown = null;
    }
}
