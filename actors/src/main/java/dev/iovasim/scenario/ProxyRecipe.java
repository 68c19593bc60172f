package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run of a scenario priced by the cost-model proxy, as facts: its kernels run one workload,
 * each {@link Metric} gives one figure per run (metric after metric, so each one's rows stand
 * together in the table), and each kernel's time series and the plot are written.
 *
 * @param workload the workload every kernel runs ({@code NAME:KEY=VALUE,...})
 * @param irqCpus  the CPUs that take the completions, or null for each CPU its own
 * @param notes    the scenario's notes, printed after {@link #PROXY_NOTE}
 */
record ProxyRecipe(String workload, int cpus, String irqCpus, List<Metric> metrics, SeriesFiles.Plot plot, List<String> notes)
        implements Scenario.Runner {
    static final String PROXY_NOTE = "throughput proxy: the calibrated cost model (docs/cost-model.md) priced on the run's"
            + " work counters, without lock contention or I/O; it is a proxy for a CPU's DMA map/unmap rate, not IOPS:"
            + " compare its ratios, not its magnitude, with the published figures";

    @Override
    public ScenarioResult run(Scenario s, long size, Path out, List<String> whatIf, ProgressListener progress) {
        var runs = KernelRuns.run(KernelRuns.kernels(s, whatIf), workload, cpus, KernelRuns.checkSize(s, size), irqCpus, progress);
        List<Figure> fs = new ArrayList<>();
        for (Metric m : metrics) {
            for (int i = 0; i < runs.size(); i++) fs.add(m.of(s.name(), runs.get(i), i));
        }
        List<String> all = new ArrayList<>(List.of(PROXY_NOTE));
        all.addAll(notes);
        return new ScenarioResult(s, size, fs, SeriesFiles.write(out, runs, plot), all);
    }
}
