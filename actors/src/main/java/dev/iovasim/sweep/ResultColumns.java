package dev.iovasim.sweep;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.Counter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema of results.csv: every column with its type and unit, in file order (the point's
 * identity, the run report's common keys, the columns the sweep derives, the keys only some
 * engines report, {@code error} last). Every column is always present, empty when a run lacks
 * it, so sweeps of different engines share one layout. docs/sweep-csv.md is this list as a
 * table (SweepCsvSchemaTest keeps the two in step).
 */
public final class ResultColumns {
    /** What a cell may hold: text, a whole number, a decimal number, or true/false. */
    public enum Type {
        TEXT, INTEGER, DECIMAL, BOOLEAN;

        /** Whether {@code cell} (non-empty) is a value of this type. */
        public boolean admits(String cell) {
            return switch (this) {
                case TEXT -> true;
                case BOOLEAN -> cell.equals("true") || cell.equals("false");
                case INTEGER -> cell.matches("-?[0-9]+");
                case DECIMAL -> cell.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
            };
        }

        public String doc() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One column: its name, type, unit ({@code -} for none) and meaning. */
    public record Column(String name, Type type, String unit, String meaning) {
    }

    public static final String ERROR = "error";

    private static final Map<String, Column> SCHEMA = new LinkedHashMap<>();

    /** A counter's column: a whole number, with the counter's unit and meaning. */
    private static void add(Counter c) {
        add(c.key(), Type.INTEGER, c.unit(), c.meaning());
    }

    private static void add(String name, Type type, String unit, String meaning) {
        SCHEMA.put(name, new Column(name, type, unit, meaning));
    }

    static {
        Type t = Type.TEXT;
        Type i = Type.INTEGER;
        Type d = Type.DECIMAL;
        // the point (SweepPoint.COLUMNS)
        add("policy", t, "-", "kernel preset, e.g. linux-6.1");
        add("engine", t, "-", String.join(" or ", EngineRegistry.all().stream().map(EngineRegistry.Entry::name).toList()));
        add("workload", t, "-", "workload as --workload gave it, e.g. sac-pressure or nic:ring=512,remote=0.3");
        add("fanout", t, "-", "how a flush reaches the CPUs: " + String.join(" or ", FanOutCatalogue.names()));
        add("nodes", i, "JVMs", "JVMs of the run (--nodes): 1, or the tree node and nodes - 1 cpu nodes holding the CPUs");
        add("cpus", i, "CPUs", "simulated CPUs");
        add("repeat", i, "-", "repetition of the point, from 0");
        add("seed", i, "-", "the run's seed: --seed plus repeat");
        add("ops", i, "operations", "operations asked of each CPU (--ops)");
        // the run report, every engine
        for (Counter c : Counter.in(Counter.Group.RUN)) add(c);
        add("flushed_pfns_useless", i, "ranges", "flushed ranges that could not help the failing request");
        add("work_units", i, "work units", "tree nodes visited plus magazine and depot moves");
        add("wall_seconds", d, "s", "wall-clock time of the run");
        add("ops_per_second", d, "operations/s", "operations per wall-clock second");
        add("conservation_ok", Type.BOOLEAN, "-", "every range accounted for at the end");
        add("flush_latency_p50_us", d, "µs", "flush latency, median (actor engine)");
        add("flush_latency_p99_us", d, "µs", "flush latency, 99th percentile (actor engine)");
        add("flush_latency_max_us", d, "µs", "flush latency, largest (actor engine)");
        add("flush_latency_mean_us", d, "µs", "flush latency, mean (actor engine, runs that flushed)");
        add("fanout_messages", i, "messages", "flush fan-out messages sent and received (actor engine)");
        add("fanout_bytes", i, "bytes", "serialized bytes of those messages (0 within one JVM)");
        add("alloc_latency_p50_us", d, "µs", "allocation latency, median (actor engine)");
        add("alloc_latency_p99_us", d, "µs", "allocation latency, 99th percentile (actor engine)");
        // derived by the sweep (ResultRow)
        add("hit_rate", d, "fraction 0-1", "rcache_hits / allocs");
        add("fanout_messages_per_flush", d, "messages", "fanout_messages / flushes; empty without a flush");
        add("fanout_bytes_per_flush", d, "bytes", "fanout_bytes / flushes; empty without a flush");
        add("flushed_pfns_per_flush", d, "ranges", "flushed_pfns / flushes; empty without a flush");
        add("work_units_per_op", d, "work units", "work_units / report_ops");
        // reported by some engines only
        add("report_ops", i, "operations", "operations the run performed in all, setup included");
        add("live_ranges", i, "ranges", "ranges still allocated at the end");
        add("magazine_size", i, "entries", "entries per magazine (IOVA_MAG_SIZE)");
        add("ops_per_cpu", i, "operations", "operations per CPU, as run");
        for (Counter c : Counter.in(Counter.Group.DETAIL)) add(c);
        add("work_tree_nodes_visited", i, "work units", "tree nodes visited");
        add("work_tree_inserts", i, "work units", "tree inserts");
        add("work_tree_erases", i, "work units", "tree erases");
        add(Counter.MAGAZINE_MOVES);
        add(Counter.DEPOT_EXCHANGES);
        add("work_flush_cpu_visits", i, "work units", "CPUs visited by flushes");
        add("setup_ops", i, "operations", "setup operations (reserves, long-lived ranges), in report_ops");
        add("virtual_seconds", d, "s", "simulated (virtual) time at the end (reference engine)");
        for (String o : List.of("rcache", "depot", "tree", "failed")) {
            add("alloc_latency_" + o + "_p50_us", d, "µs", "allocation latency of outcome " + o + ", median (actor engine)");
            add("alloc_latency_" + o + "_p99_us", d, "µs", "allocation latency of outcome " + o + ", 99th percentile");
        }
        add("tree_nodes", i, "ranges", "ranges in the tree at the end, reserved ranges and the anchor included");
        add("cached_pfns", i, "ranges", "ranges held in magazines and the depot at the end");
        add("flushes_nothing_useful", i, "flushes", "flushes that returned no useful range");
        add("flushes_retry_failed", i, "flushes", "flushes whose retried allocation still failed");
        add("flushes_for_32bit_requests", i, "flushes", "flushes a 32-bit-limited request caused");
        add("flush_pfns_max", i, "ranges", "most ranges one flush returned");
        add("flushed_pfns_for_nothing", i, "ranges", "ranges returned by flushes that helped nothing");
        add("drift_hit_rate_first", d, "fraction 0-1", "hit rate in the interval an eighth into the run");
        add("drift_hit_rate_last", d, "fraction 0-1", "hit rate in the last interval");
        add("drift_work_units_per_op_first", d, "work units", "work units per operation, an eighth into the run");
        add("drift_work_units_per_op_last", d, "work units", "work units per operation, last interval");
        add("drift_tree_nodes_first", d, "ranges", "tree ranges an eighth into the run");
        add("drift_tree_nodes_last", d, "ranges", "tree ranges at the end");
        add("drift_cached_pfns_first", d, "ranges", "cached ranges an eighth into the run");
        add("drift_cached_pfns_last", d, "ranges", "cached ranges at the end");
        add("engine_errors", i, "errors", "errors the actor engine logged");
        add("lost_cpus", i, "CPUs", "CPUs lost with their node (cluster)");
        add("reclaimed_pfns", i, "ranges", "ranges the lost CPUs held, returned to the tree");
        // simulated clock and lazy invalidation
        add("sim_seconds_per_wall_second", d, "s/s", "simulated seconds per wall-clock second (reference engine)");
        add("invalidation", t, "-", "unmap mode: strict, lazy or lazy-single");
        add("irq_cpus", t, "-", "CPUs that run the unmaps (--irq-cpus), or every CPU");
        add("max32_fast_fails", i, "allocations", "32-bit tree searches failed at once by max32_alloc_size");
        add("max32_resets", i, "frees", "frees below 4 GiB that reset max32_alloc_size");
        for (Counter c : Counter.in(Counter.Group.FLUSH_QUEUE)) {
            add(c);
            // the derived columns follow the counters they derive from, as in the report
            if (c == Counter.FQ_FREED) add("fq_still_queued", i, "IOVAs", "IOVAs still queued at the end");
            if (c == Counter.FQ_BATCHES) add("fq_batch_mean", d, "IOVAs", "fq_freed / fq_batches");
        }
        add("fq_wait_mean_us", d, "µs", "simulated time from queue_iova to the free, mean");
        add("fq_wait_p99_us", d, "µs", "the same, 99th percentile (top of its power-of-two bucket)");
        add("fq_wait_max_us", d, "µs", "the same, largest");
        add(ERROR, t, "-", "empty, or the failed run's ExceptionClass: message");
    }

    private ResultColumns() {
    }

    /** Every column of the schema, in file order. */
    public static List<Column> schema() {
        return List.copyOf(SCHEMA.values());
    }

    /** A column of the schema, or null for a key it does not know. */
    public static Column column(String name) {
        return SCHEMA.get(name);
    }

    /** The schema's column names, in order, ending with {@code error}. */
    public static List<String> standard() {
        return List.copyOf(SCHEMA.keySet());
    }

    /** {@code current} widened by any of {@code keys} it lacks, placed before {@code error}. */
    public static List<String> widen(List<String> current, Collection<String> keys) {
        Set<String> out = new LinkedHashSet<>(current.isEmpty() ? standard() : current);
        out.remove(ERROR);
        out.addAll(keys);
        out.remove(ERROR);
        out.add(ERROR);
        return new ArrayList<>(out);
    }
}
