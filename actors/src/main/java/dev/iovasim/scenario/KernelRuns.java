package dev.iovasim.scenario;

import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.SeriesSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario's kernels one after the other on the reference engine (seeded, on the simulated
 * clock) and keeps each run's report and time series rows in memory for the table, the CSVs and
 * the plot. A run whose conservation check fails stops the scenario: its figures would mean nothing.
 */
final class KernelRuns {
    /** One kernel's run: its label (the policy's name), its report and its time series rows. */
    record Run(String kernel, RunReport report, List<Object[]> rows) {
    }

    private KernelRuns() {
    }

    /**
     * @param specs         one run per kernel, before kernel first, without a series (added here)
     * @param intervalNanos simulated nanoseconds per time series row
     */
    static List<Run> run(List<RunSpec> specs, long intervalNanos, ProgressListener progress) {
        List<Run> runs = new ArrayList<>();
        for (RunSpec spec : specs) {
            List<Object[]> rows = new ArrayList<>();
            RunSpec withSeries = spec.withSeries(new SeriesSpec(Math.max(1000, intervalNanos), row -> rows.add(row.clone())));
            RunReport r = new ReferenceEngine().run(withSeries, progress);
            if (!r.flag("conservation_ok")) {
                throw new ConservationFailure("conservation check failed under " + r.text("policy") + ": "
                        + r.text("conservation_problem"));
            }
            runs.add(new Run(spec.policy().name(), r, List.copyOf(rows)));
        }
        return runs;
    }

    /** About {@code rows} rows over a run of {@code opsPerCpu} operations {@code gapNs} apart on each CPU. */
    static long interval(long opsPerCpu, long gapNs, int rows) {
        return Math.max(1000, opsPerCpu * gapNs / rows);
    }
}
