package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
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
                .put("allocs", s.allocs)
                .put("alloc_failed", s.failed)
                .put("rcache_hits", s.cpuHits)
                .put("depot_hits", s.depotHits)
                .put("tree_allocs", s.treeAllocs)
                .put("flushes", s.flushes)
                .put("flush_cpu_visits", s.flushCpuVisits)
                .put("flushed_pfns", s.flushedPfns)
                .put("flushed_pfns_useful", s.flushedUseful)
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
                .put("frees", s.frees)
                .put("frees_to_magazine", s.freesToMagazine)
                .put("frees_to_depot", s.freesToDepot)
                .put("frees_to_tree", s.freesToTree)
                .put("depot_overflows", s.depotOverflows)
                .put("flush_retry_succeeded", s.flushRetrySucceeded)
                .put("depot_trims", s.trims)
                .put("depot_trimmed_pfns", s.trimmedPfns)
                .put("sac_attempts", s.sacAttempts)
                .put("sac_failures", s.sacFailures)
                .put("devices_switched", s.devicesSwitched)
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
        s.allocs = r.longValue("allocs");
        s.failed = r.longValue("alloc_failed");
        s.cpuHits = r.longValue("rcache_hits");
        s.depotHits = r.longValue("depot_hits");
        s.treeAllocs = r.longValue("tree_allocs");
        s.frees = r.longValue("frees");
        s.freesToMagazine = r.longValue("frees_to_magazine");
        s.freesToDepot = r.longValue("frees_to_depot");
        s.freesToTree = r.longValue("frees_to_tree");
        s.depotOverflows = r.longValue("depot_overflows");
        s.depotExchanges = r.longValue("work_depot_exchanges");
        s.magazineMoves = r.longValue("work_magazine_moves");
        s.flushes = r.longValue("flushes");
        s.flushCpuVisits = r.longValue("flush_cpu_visits");
        s.flushedPfns = r.longValue("flushed_pfns");
        s.flushedUseful = r.longValue("flushed_pfns_useful");
        s.flushRetrySucceeded = r.longValue("flush_retry_succeeded");
        s.trims = r.longValue("depot_trims");
        s.trimmedPfns = r.longValue("depot_trimmed_pfns");
        s.sacAttempts = r.longValue("sac_attempts");
        s.sacFailures = r.longValue("sac_failures");
        s.devicesSwitched = r.longValue("devices_switched");
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
