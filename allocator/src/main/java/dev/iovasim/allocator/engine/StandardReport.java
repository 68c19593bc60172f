package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.SizeClass;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys every engine reports, in the order of the JSON: identity of the run, allocations by
 * outcome (a partition: {@code rcache_hits + depot_hits + tree_allocs + alloc_failed = allocs}),
 * flushes, work units, wall time, conservation, per-size-class figures, then derived rates and
 * the breakdowns behind the totals.
 */
public final class StandardReport {
    private StandardReport() {
    }

    /**
     * @param ops         operations run, setup included
     * @param wallSeconds host time the run took
     */
    public static RunReport of(RunSpec spec, String engine, int nodes, long ops, AllocStats s, WorkUnits work,
                               double wallSeconds, Conservation.Result conservation) {
        RunReport r = new RunReport()
                .put("policy", spec.policy().name())
                .put("engine", engine)
                .put("workload", spec.workload().name())
                .put("cpus", spec.domain().cpus())
                .put("nodes", nodes)
                .put("seed", spec.seed())
                .put("ops", ops)
                .put("allocs", s.get(Counter.ALLOCS))
                .put("alloc_failed", s.get(Counter.FAILED))
                .put("rcache_hits", s.get(Counter.CPU_HITS))
                .put("depot_hits", s.get(Counter.DEPOT_HITS))
                .put("tree_allocs", s.get(Counter.TREE_ALLOCS))
                .put("flushes", s.get(Counter.FLUSHES))
                .put("flush_cpu_visits", s.get(Counter.FLUSH_CPU_VISITS))
                .put("flushed_pfns", s.get(Counter.FLUSHED_PFNS))
                .put("flushed_pfns_useful", s.get(Counter.FLUSHED_USEFUL))
                .put("flushed_pfns_useless", s.flushedUseless())
                .put("work_units", work.total())
                .put("wall_seconds", wallSeconds)
                .put("ops_per_second", wallSeconds > 0 ? Math.rint(ops / wallSeconds) : 0)
                .put("conservation_ok", conservation.ok())
                .put("size_classes", sizeClasses(s));
        if (!conservation.ok()) r.put("conservation_problem", conservation.problem());
        return r.put("live_ranges", conservation.liveRanges())
                .put("magazine_size", spec.policy().magazineSize())
                .put("ops_per_cpu", spec.opsPerCpu())
                .put("hit_rate", s.hitRate())
                .put("work_units_per_op", ops == 0 ? 0 : (double) work.total() / ops)
                .put("frees", s.get(Counter.FREES))
                .put("frees_to_magazine", s.get(Counter.FREES_TO_MAGAZINE))
                .put("frees_to_depot", s.get(Counter.FREES_TO_DEPOT))
                .put("frees_to_tree", s.get(Counter.FREES_TO_TREE))
                .put("depot_overflows", s.get(Counter.DEPOT_OVERFLOWS))
                .put("flush_retry_succeeded", s.get(Counter.FLUSH_RETRY_SUCCEEDED))
                .put("depot_trims", s.get(Counter.TRIMS))
                .put("depot_trimmed_pfns", s.get(Counter.TRIMMED_PFNS))
                .put("sac_attempts", s.get(Counter.SAC_ATTEMPTS))
                .put("sac_failures", s.get(Counter.SAC_FAILURES))
                .put("devices_switched", s.get(Counter.DEVICES_SWITCHED))
                .put("work_tree_nodes_visited", work.treeNodesVisited())
                .put("work_tree_inserts", work.treeInserts())
                .put("work_tree_erases", work.treeErases())
                .put("work_magazine_moves", work.magazineMoves())
                .put("work_depot_exchanges", work.depotExchanges())
                .put("work_flush_cpu_visits", work.flushCpuVisits());
    }

    /**
     * The counters a report holds, back as {@link AllocStats} (for exporters that publish a
     * finished run); CPU-unplug figures are not in a simulate report and stay 0.
     */
    public static AllocStats stats(RunReport r) {
        AllocStats s = new AllocStats();
        s.set(Counter.ALLOCS, r.longValue("allocs"));
        s.set(Counter.FAILED, r.longValue("alloc_failed"));
        s.set(Counter.CPU_HITS, r.longValue("rcache_hits"));
        s.set(Counter.DEPOT_HITS, r.longValue("depot_hits"));
        s.set(Counter.TREE_ALLOCS, r.longValue("tree_allocs"));
        s.set(Counter.FREES, r.longValue("frees"));
        s.set(Counter.FREES_TO_MAGAZINE, r.longValue("frees_to_magazine"));
        s.set(Counter.FREES_TO_DEPOT, r.longValue("frees_to_depot"));
        s.set(Counter.FREES_TO_TREE, r.longValue("frees_to_tree"));
        s.set(Counter.DEPOT_OVERFLOWS, r.longValue("depot_overflows"));
        s.set(Counter.DEPOT_EXCHANGES, r.longValue("work_depot_exchanges"));
        s.set(Counter.MAGAZINE_MOVES, r.longValue("work_magazine_moves"));
        s.set(Counter.FLUSHES, r.longValue("flushes"));
        s.set(Counter.FLUSH_CPU_VISITS, r.longValue("flush_cpu_visits"));
        s.set(Counter.FLUSHED_PFNS, r.longValue("flushed_pfns"));
        s.set(Counter.FLUSHED_USEFUL, r.longValue("flushed_pfns_useful"));
        s.set(Counter.FLUSH_RETRY_SUCCEEDED, r.longValue("flush_retry_succeeded"));
        s.set(Counter.TRIMS, r.longValue("depot_trims"));
        s.set(Counter.TRIMMED_PFNS, r.longValue("depot_trimmed_pfns"));
        s.set(Counter.SAC_ATTEMPTS, r.longValue("sac_attempts"));
        s.set(Counter.SAC_FAILURES, r.longValue("sac_failures"));
        s.set(Counter.DEVICES_SWITCHED, r.longValue("devices_switched"));
        List<RunReport> classes = r.list("size_classes");
        for (int b = 0; b < classes.size() && b <= AllocStats.UNCACHED; b++) {
            s.classAllocs[b] = classes.get(b).longValue("allocs");
            s.classHits[b] = classes.get(b).longValue("hits");
        }
        return s;
    }

    /** Classes 0..5 (1..32 pages, or more under rcache-classes) and the uncached sizes, each with its allocations and hits. */
    private static List<RunReport> sizeClasses(AllocStats s) {
        List<RunReport> out = new ArrayList<>();
        int uncached = s.uncachedBucket();
        for (int b = 0; b <= uncached; b++) {
            boolean cached = b < uncached;
            out.add(new RunReport()
                    .put("class", cached ? Integer.toString(b) : "uncached")
                    .put("pages", pagesLabel(b, uncached))
                    .put("allocs", s.classAllocs[b])
                    .put("hits", s.classHits[b])
                    .put("hit_rate", s.classAllocs[b] == 0 ? 0 : (double) s.classHits[b] / s.classAllocs[b]));
        }
        return out;
    }

    /** The sizes of a bucket as text: 1, 2, 3-4 ... 17-32, >32. */
    static String pagesLabel(int bucket) {
        return pagesLabel(bucket, AllocStats.UNCACHED);
    }

    /** As {@link #pagesLabel(int)} when the uncached sizes are bucket {@code uncached}. */
    static String pagesLabel(int bucket, int uncached) {
        if (bucket == uncached) return ">" + SizeClass.pages(uncached - 1);
        if (bucket < 2) return Long.toString(SizeClass.pages(bucket));
        return (SizeClass.pages(bucket - 1) + 1) + "-" + SizeClass.pages(bucket);
    }
}
