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
                .put("ops", ops);
        putAll(r, Counter.Group.RUN, s);
        r.put("flushed_pfns_useless", s.flushedUseless())
                .put("work_units", work.total())
                .put("wall_seconds", wallSeconds)
                .put("ops_per_second", wallSeconds > 0 ? Math.rint(ops / wallSeconds) : 0)
                .put("conservation_ok", conservation.ok())
                .put("size_classes", sizeClasses(s));
        if (!conservation.ok()) r.put("conservation_problem", conservation.problem());
        r.put("live_ranges", conservation.liveRanges())
                .put("magazine_size", spec.policy().magazineSize())
                .put("ops_per_cpu", spec.opsPerCpu())
                .put("hit_rate", s.hitRate())
                .put("work_units_per_op", ops == 0 ? 0 : (double) work.total() / ops);
        putAll(r, Counter.Group.DETAIL, s);
        return r.put("work_tree_nodes_visited", work.treeNodesVisited())
                .put("work_tree_inserts", work.treeInserts())
                .put("work_tree_erases", work.treeErases())
                .put(Counter.MAGAZINE_MOVES.key(), work.magazineMoves())
                .put(Counter.DEPOT_EXCHANGES.key(), work.depotExchanges())
                .put("work_flush_cpu_visits", work.flushCpuVisits());
    }

    /** The counters of {@code g} under their report keys, in enum order. */
    static void putAll(RunReport r, Counter.Group g, AllocStats s) {
        for (Counter c : Counter.in(g)) r.put(c.key(), s.get(c));
    }

    /**
     * The counters a report holds, back as {@link AllocStats} (for exporters that publish a
     * finished run), with as many size classes as the report; a counter the report lacks (a
     * CPU unplug, the flush queues of a strict run) stays 0.
     */
    public static AllocStats stats(RunReport r) {
        List<RunReport> classes = r.list("size_classes");
        AllocStats s = new AllocStats(Math.max(classes.size(), 1) - 1);
        for (Counter c : Counter.values()) {
            if (r.has(c.key())) s.set(c, r.longValue(c.key()));
        }
        for (int b = 0; b < classes.size(); b++) {
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

    /** The sizes of a bucket as text: 1, 2, 3-4 ... 17-32, >32 when the uncached sizes are bucket {@code uncached}. */
    static String pagesLabel(int bucket, int uncached) {
        if (bucket == uncached) return ">" + SizeClass.pages(uncached - 1);
        if (bucket < 2) return Long.toString(SizeClass.pages(bucket));
        return (SizeClass.pages(bucket - 1) + 1) + "-" + SizeClass.pages(bucket);
    }
}
