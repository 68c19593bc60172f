package dev.iovasim.scenario;

import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the scenarios share: checking the size, applying the what-if, and running the kernels one
 * after the other on the reference engine (seeded, on the simulated clock), keeping each run's
 * report and time series rows in memory for the table, the CSVs and the plot. A run whose
 * conservation check fails stops the scenario: its figures would mean nothing.
 */
final class KernelRuns {
    /** One kernel's run: its label (the policy's name), its report and its time series rows. */
    record Run(String kernel, RunReport report, List<Object[]> rows) {
    }

    /** Every scenario runs with this seed, so that a scenario's output is reproducible bit for bit. */
    static final long SEED = 1;
    /** Time series rows over a run: enough for a plot's shape, few enough to read in a table. */
    static final int ROWS = 20;

    private KernelRuns() {
    }

    static long checkSize(Scenario s, long size) {
        if (size < 1 || size > 10_000_000L) {
            throw new IllegalArgumentException("--size: " + s.name() + " takes 1..10000000 " + s.sizeUnit() + ", got " + size);
        }
        return size;
    }

    /**
     * The scenario's kernels, then, with overrides, the before kernel with each applied in order
     * (its name says which: {@code linux-6.1+depot=list}).
     */
    static List<String> kernels(Scenario s, List<String> whatIf) {
        if (whatIf.isEmpty()) return s.kernels();
        Policy p = Policy.byName(s.kernels().get(0));
        for (String kv : whatIf) {
            try {
                p = PolicySwitches.apply(p, kv);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--set " + kv + ": " + e.getMessage(), e);
            }
        }
        if (s.kernels().contains(p.name())) {
            throw new IllegalArgumentException("--set " + String.join(" --set ", whatIf) + ": changes nothing in " + s.kernels().get(0));
        }
        return Stream.concat(s.kernels().stream(), Stream.of(p.name())).toList();
    }

    /**
     * One run per policy name, before kernel first, on the same workload, CPUs, size and seed, each
     * with about {@link #ROWS} time series rows, paced by the workload's gap between operations.
     */
    static List<Run> run(List<String> policies, String workload, int cpus, long opsPerCpu, String irqCpus,
                         ProgressListener progress) {
        Workload w = WorkloadCatalogue.byName(workload);
        IrqCpus irq = irqCpus == null ? null : IrqCpus.parse(irqCpus, cpus);
        List<Policy> kernels = policies.stream().map(Policy::byName).toList();
        long interval = Math.max(1000, opsPerCpu * w.gapNanos() / ROWS);
        List<Run> runs = new ArrayList<>();
        for (Policy p : kernels) {
            List<Object[]> rows = new ArrayList<>();
            SeriesSpec series = new SeriesSpec(interval, row -> rows.add(row.clone()));
            RunReport r = new ReferenceEngine().run(new RunSpec(p, w, cpus, opsPerCpu, SEED, 0, null, true, irq, series), progress);
            if (!r.flag("conservation_ok")) {
                throw new ConservationFailure("conservation check failed under " + r.text("policy") + ": "
                        + r.text("conservation_problem"));
            }
            runs.add(new Run(p.name(), r, List.copyOf(rows)));
        }
        return runs;
    }
}
