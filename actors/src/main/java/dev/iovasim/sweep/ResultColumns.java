package dev.iovasim.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order of results.csv's columns: the point's identity, the run report's known keys, the
 * columns the sweep derives, any other key a runner reported (in first-seen order), and
 * {@code error} last. The known columns are always present, empty when a run lacks them, so
 * sweeps of different engines share one layout.
 */
public final class ResultColumns {
    /** Keys the engines report, in the run report's order. */
    public static final List<String> REPORT = List.of(
            "allocs", "alloc_failed", "rcache_hits", "depot_hits", "tree_allocs",
            "flushes", "flush_cpu_visits", "flushed_pfns", "flushed_pfns_useful", "flushed_pfns_useless",
            "work_units", "wall_seconds", "ops_per_second", "conservation_ok",
            "flush_latency_p50_us", "flush_latency_p99_us", "flush_latency_max_us",
            "fanout_messages", "fanout_bytes", "alloc_latency_p50_us", "alloc_latency_p99_us");
    /** Columns the sweep computes from the report (see {@link ResultRow}). */
    public static final List<String> DERIVED = List.of(
            "hit_rate", "fanout_messages_per_flush", "fanout_bytes_per_flush", "flushed_pfns_per_flush",
            "work_units_per_op");
    public static final String ERROR = "error";

    private ResultColumns() {
    }

    /** The standard columns, in order, ending with {@code error}. */
    public static List<String> standard() {
        List<String> out = new ArrayList<>(SweepPoint.COLUMNS);
        out.addAll(REPORT);
        out.addAll(DERIVED);
        out.add(ERROR);
        return out;
    }

    /** {@code current} widened by any of {@code keys} it lacks, placed before {@code error}. */
    public static List<String> widen(List<String> current, Collection<String> keys) {
        Set<String> out = new LinkedHashSet<>(current.isEmpty() ? standard() : current);
        out.remove(ERROR);
        out.addAll(keys);
        out.remove(ERROR);
        out.add(ERROR);
        return List.copyOf(out);
    }
}
