package dev.iovasim.sweep;

import java.util.Map;

/**
 * Runs one sweep point on one engine and returns its run report: a flat map in a stable key
 * order whose values are numbers, strings or booleans, keyed as results.csv's columns
 * ({@link ResultColumns}: a missing key becomes an empty cell and is skipped by the plots).
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
