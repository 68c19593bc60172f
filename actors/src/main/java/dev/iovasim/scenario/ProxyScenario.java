package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario priced by the cost-model proxy, declared as facts: its kernels run one workload, each
 * {@link Metric} gives one figure per run (metric after metric, so each one's rows stand together
 * in the table), and each kernel's time series and the plot are written. A subclass only passes its
 * description and its {@link Recipe}.
 */
abstract class ProxyScenario extends AbstractScenario {
    static final String PROXY_NOTE = "throughput proxy: the calibrated cost model (docs/cost-model.md) priced on the run's"
            + " work counters, without lock contention or I/O; it is a proxy for a CPU's DMA map/unmap rate, not IOPS:"
            + " compare its ratios, not its magnitude, with the published figures";

    /**
     * @param workload the workload every kernel runs ({@code NAME:KEY=VALUE,...})
     * @param irqCpus  the CPUs that take the completions, or null for each CPU its own
     * @param notes    the scenario's notes, printed after {@link #PROXY_NOTE}
     */
    record Recipe(String workload, int cpus, String irqCpus, List<Metric> metrics, SeriesFiles.Plot plot, List<String> notes) {
        Recipe {
            metrics = List.copyOf(metrics);
            notes = List.copyOf(notes);
        }
    }

    private final Recipe recipe;

    ProxyScenario(String name, String title, List<Source> sources, List<String> kernels, String whatIf,
                  long defaultSize, String scaling, Recipe recipe) {
        super(name, title, sources, kernels, whatIf, defaultSize, scaling);
        this.recipe = recipe;
    }

    @Override
    public final ScenarioResult run(long size, Path out, List<String> whatIf, ProgressListener progress) {
        var runs = ScenarioKit.runKernels(this, whatIf, size, recipe.workload(), recipe.cpus(), recipe.irqCpus(), progress);
        List<Figure> fs = new ArrayList<>();
        for (Metric m : recipe.metrics()) {
            for (int i = 0; i < runs.size(); i++) fs.add(m.of(name(), runs.get(i), i));
        }
        List<String> notes = new ArrayList<>(List.of(PROXY_NOTE));
        notes.addAll(recipe.notes());
        return new ScenarioResult(this, size, fs, SeriesFiles.write(out, runs, recipe.plot()), notes);
    }
}
