package dev.iovasim.cli;

import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunSpec;
import java.io.PrintStream;
import java.util.Locale;

/** The progress of a simulate run: policy, workload, operations done of the total, time. */
final class ProgressLine implements ProgressListener {
    private final StatusLine line;

    ProgressLine(PrintStream err, boolean terminal) {
        this.line = new StatusLine(err, terminal);
    }

    @Override
    public void progress(RunSpec spec, long done, long total) {
        if (!line.due()) return;
        line.show(String.format(Locale.ROOT, "simulate: %s %s %,d%s ops, %.1f s", spec.policy().name(),
                spec.workload().name(), done, total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "",
                line.seconds()));
    }

    /** Ends the rewritten line before other output. */
    void finish() {
        line.finish();
    }
}
