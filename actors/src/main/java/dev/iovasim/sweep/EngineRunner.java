package dev.iovasim.sweep;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.OrderedWorkload;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadException;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a sweep point on one of the engines {@code simulate} uses, so a sweep row is exactly a
 * {@code simulate --json} run: {@code --ops} is operations per CPU, and the row holds the
 * report's flat keys (the per-class and per-interval lists stay in simulate's JSON).
 *
 * @param engines  a fresh engine per run
 * @param maxNodes the largest node count this engine can run (1: one JVM)
 */
public record EngineRunner(Supplier<Engine> engines, int maxNodes) implements PointRunner {
    @Override
    public void check(SweepPoint p) {
        Workload w = workload(p);
        if (w instanceof OrderedWorkload) {
            throw new IllegalArgumentException("--workload " + p.workload() + ": a trace does not scale with --cpus;"
                    + " sweep a generated workload");
        }
        if (p.nodes() > maxNodes) {
            throw new IllegalArgumentException("--nodes " + p.nodes() + ": engine " + p.engine() + " runs on at most "
                    + maxNodes + " node(s)");
        }
    }

    @Override
    public Map<String, Object> run(SweepPoint p) {
        RunSpec spec = RunSpec.of(Policy.byName(p.policy()), workload(p), p.cpus(), p.ops(), p.seed());
        return row(engines.get().run(spec, ProgressListener.NONE), p);
    }

    /** A report's flat keys as a results row (the per-class and per-interval lists stay in simulate's JSON). */
    static Map<String, Object> row(RunReport r, SweepPoint p) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof RunReport || v instanceof List) continue;
            row.put(e.getKey(), v);
        }
        row.put("nodes", p.nodes());
        row.put("fanout", p.fanout());
        return row;
    }

    static Workload workload(SweepPoint p) {
        try {
            return WorkloadCatalogue.byName(p.workload());
        } catch (WorkloadException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--workload: " + e.getMessage(), e);
        }
    }
}
