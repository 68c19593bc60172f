package dev.iovasim.scenario;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.List;
import java.util.function.BiFunction;

/** What several scenarios share: building their runs and the figures every one of them reports. */
final class ScenarioKit {
    /** Every scenario runs with this seed, so that a scenario's output is reproducible bit for bit. */
    static final long SEED = 1;
    static final String PROXY_UNIT = "map/unmap ops per simulated s per CPU (proxy)";
    static final String PROXY_NOTE = "throughput proxy: the calibrated cost model (docs/cost-model.md) priced on the run's"
            + " work counters, without lock contention or I/O; it is a proxy for a CPU's DMA map/unmap rate, not IOPS:"
            + " compare its ratios, not its magnitude, with the published figures";

    private ScenarioKit() {
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
        return java.util.stream.Stream.concat(s.kernels().stream(), java.util.stream.Stream.of(p.name())).toList();
    }

    /**
     * Checks the size, then runs the scenario's kernels (and the what-if one) on {@code workload}
     * with a time series of about 20 rows over the run.
     */
    static List<KernelRuns.Run> runKernels(Scenario s, List<String> whatIf, long size, String workload, int cpus,
                                           String irqCpus, dev.iovasim.allocator.engine.ProgressListener progress) {
        return KernelRuns.run(specs(kernels(s, whatIf), workload, cpus, checkSize(s, size), irqCpus), progress);
    }

    /** One run spec per policy name, on the same workload, CPUs, size and seed. */
    static List<RunSpec> specs(List<String> policies, String workload, int cpus, long opsPerCpu, String irqCpus) {
        Workload w = WorkloadCatalogue.byName(workload);
        IrqCpus irq = irqCpus == null ? null : IrqCpus.parse(irqCpus, cpus);
        return policies.stream()
                .map(p -> new RunSpec(Policy.byName(p), w, cpus, opsPerCpu, SEED, 0, null, true, irq, null))
                .toList();
    }

    static Figure proxy(String scenario, KernelRuns.Run r, Double published, String publishedUnit, Source source) {
        return new Figure(scenario, "throughput proxy", r.kernel(), CostProxy.calibrated().opsPerSecondPerCpu(r.report()),
                published, PROXY_UNIT, published == null ? null : publishedUnit, published == null ? null : source.cite());
    }

    /**
     * The throughput proxy of every run, with {@code published[i]} beside run i (a what-if run
     * past the published figures has none).
     */
    static List<Figure> proxies(String scenario, List<KernelRuns.Run> runs, double[] published, String publishedUnit, Source source) {
        List<Figure> fs = new java.util.ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            fs.add(proxy(scenario, runs.get(i), i < published.length ? published[i] : null, publishedUnit, source));
        }
        return fs;
    }

    /** One figure of each kind per kernel run, kind after kind (each kind's rows together in the table). */
    @SafeVarargs
    static void addPerRun(List<Figure> fs, String scenario, List<KernelRuns.Run> runs,
            BiFunction<String, KernelRuns.Run, Figure>... kinds) {
        for (var kind : kinds) {
            for (var r : runs) fs.add(kind.apply(scenario, r));
        }
    }

    static Figure depotOverflows(String scenario, KernelRuns.Run r) {
        return Figure.simulatedOnly(scenario, "depot overflows", r.kernel(), r.report().longValue("depot_overflows"),
                "magazines freed into the tree pfn by pfn");
    }

    static Figure treeAllocsPerThousand(String scenario, KernelRuns.Run r) {
        return perThousandMaps(scenario, r, "tree allocations", "tree_allocs", "allocations");
    }

    /** The run's count {@code key} per 1000 allocations, as the figure "{@code what} per 1000 maps". */
    static Figure perThousandMaps(String scenario, KernelRuns.Run r, String what, String key, String unit) {
        return Figure.simulatedOnly(scenario, what + " per 1000 maps", r.kernel(),
                1000.0 * r.report().longValue(key) / r.report().longValue("allocs"), unit);
    }

    static Figure hitRate(String scenario, KernelRuns.Run r) {
        return Figure.simulatedOnly(scenario, "rcache hit rate", r.kernel(), r.report().doubleValue("hit_rate"), "fraction of allocations");
    }

    static Figure nodesPerOp(String scenario, KernelRuns.Run r) {
        RunReport rep = r.report();
        return Figure.simulatedOnly(scenario, "tree nodes visited per op", r.kernel(),
                (double) rep.longValue("work_tree_nodes_visited") / rep.longValue("ops"), "nodes per operation");
    }

    /** A per-interval count per 1000 workload operations of that interval (0 for an empty interval). */
    static double perThousandOps(Object[] row, Column c) {
        double ops = SeriesFiles.value(row, Column.OPS);
        return ops == 0 ? 0 : 1000 * SeriesFiles.value(row, c) / ops;
    }
}
