package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.RunReport;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure a scenario reports for every kernel run: its name, how a run's report gives it, its
 * unit and, where a report published it, the published value beside run i ({@code published[i]};
 * a what-if run past them has none).
 */
record Metric(String name, ToDoubleFunction<RunReport> value, String unit, List<Double> published,
              String publishedUnit, Source source) {
    static final Metric PROXY = simulated("throughput proxy", "map/unmap ops per simulated s per CPU (proxy)",
            r -> CostProxy.calibrated().opsPerSecondPerCpu(r));
    static final Metric HIT_RATE = simulated("rcache hit rate", "fraction of allocations", r -> r.doubleValue("hit_rate"));
    static final Metric DEPOT_OVERFLOWS = simulated("depot overflows", "magazines freed into the tree pfn by pfn",
            r -> r.longValue("depot_overflows"));
    static final Metric TREE_ALLOCS_PER_THOUSAND = perThousandMaps("tree allocations", "tree_allocs", "allocations");
    static final Metric NODES_PER_OP = simulated("tree nodes visited per op", "nodes per operation",
            r -> (double) r.longValue("work_tree_nodes_visited") / r.longValue("ops"));

    /** A figure the reports give no published value for. */
    static Metric simulated(String name, String unit, ToDoubleFunction<RunReport> value) {
        return new Metric(name, value, unit, List.of(), null, null);
    }

    /** The run's count {@code key} per 1000 allocations, as the figure "{@code what} per 1000 maps". */
    static Metric perThousandMaps(String what, String key, String unit) {
        return simulated(what + " per 1000 maps", unit, r -> 1000.0 * r.longValue(key) / r.longValue("allocs"));
    }

    /** This figure with {@code values[i]} published beside run i, in {@code inUnit}, cited from {@code from}. */
    Metric published(String inUnit, Source from, double... values) {
        return new Metric(name, value, unit, Arrays.stream(values).boxed().toList(), inUnit, from);
    }

    Figure of(String scenario, KernelRuns.Run run, int i) {
        Double p = i < published.size() ? published.get(i) : null;
        return new Figure(scenario, name, run.kernel(), value.applyAsDouble(run.report()), p, unit,
                p == null ? null : publishedUnit, p == null ? null : source.cite());
    }
}
