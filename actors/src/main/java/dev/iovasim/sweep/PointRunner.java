package dev.iovasim.sweep;

import java.util.Map;

/**
 * Runs one sweep point on one engine and returns its run report: a flat map in a stable key
 * order whose values are numbers, strings or booleans. The keys the engines produce include
 * (a missing key becomes an empty cell and is skipped by the plots):
 *
 * <pre>
 * policy engine workload cpus nodes seed ops
 * allocs alloc_failed rcache_hits depot_hits tree_allocs
 * flushes flush_cpu_visits flushed_pfns flushed_pfns_useful flushed_pfns_useless
 * work_units wall_seconds ops_per_second conservation_ok
 * flush_latency_p50_us flush_latency_p99_us flush_latency_max_us
 * fanout_messages fanout_bytes alloc_latency_p50_us alloc_latency_p99_us
 * </pre>
 *
 * {@code rcache_hits} counts every allocation the rcache served (per-CPU magazines and depot),
 * {@code fanout_*} are totals over the run; the sweep derives the per-flush figures.
 */
@FunctionalInterface
public interface PointRunner {
    /**
     * Runs {@code point} to completion. An exception fails this run only: the sweep records it
     * in the row's {@code error} column and goes on. {@link InterruptedException} stops the sweep.
     */
    Map<String, Object> run(SweepPoint point) throws Exception;

    /**
     * Refuses, before anything runs, a point this runner cannot run: throws
     * {@link IllegalArgumentException} whose message starts with the flag to change, e.g.
     * {@code --workload churn: ...}.
     */
    default void check(SweepPoint point) {
    }
}
