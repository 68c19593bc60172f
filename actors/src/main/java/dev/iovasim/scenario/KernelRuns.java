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

    /** Time series rows over a run: enough for a plot's shape, few enough to read in a table. */
    static final int ROWS = 20;

    /**
     * @param specs one run per kernel, before kernel first, without a series (added here: about
     *              {@link #ROWS} rows over the run, paced by the workload's gap between operations)
     */
    static List<Run> run(List<RunSpec> specs, ProgressListener progress) {
        List<Run> runs = new ArrayList<>();
        for (RunSpec spec : specs) {
            List<Object[]> rows = new ArrayList<>();
            long interval = Math.max(1000, spec.opsPerCpu() * spec.workload().gapNanos() / ROWS);
            RunSpec withSeries = spec.withSeries(new SeriesSpec(interval, row -> rows.add(row.clone())));
            RunReport r = new ReferenceEngine().run(withSeries, progress);
            if (!r.flag("conservation_ok")) {
                throw new ConservationFailure("conservation check failed under " + r.text("policy") + ": "
                        + r.text("conservation_problem"));
            }
            runs.add(new Run(spec.policy().name(), r, List.copyOf(rows)));
        }
        return runs;
    }

}
