package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/** Several runs side by side on the terminal: one row per figure, one column per run, a table per engine. */
public final class ComparisonTable {
    private record Row(String label, Function<RunReport, String> cell) {
    }

    /** The cell of a figure a run does not have (the reference engine measures no latency). */
    private static final String NONE = "-";

    private final List<Row> rows = new ArrayList<>();

    private ComparisonTable() {
        row("workload", r -> r.text("workload"));
        row("cpus", r -> count(r, "cpus"));
        row("operations", r -> count(r, "ops"));
        row(Counter.ALLOCS);
        row(Counter.CPU_HITS);
        row(Counter.DEPOT_HITS);
        row(Counter.TREE_ALLOCS);
        row(Counter.FAILED);
        row(Counter.SAC_ATTEMPTS);
        row(Counter.SAC_FAILURES);
        row(Counter.DEVICES_SWITCHED);
        row("hit rate", r -> percent(r.doubleValue("hit_rate")));
        row(Counter.FLUSHES);
        row("  retry failed", r -> count(r, "flushes_retry_failed"));
        row("  nothing useful", r -> count(r, "flushes_nothing_useful"));
        row(Counter.FLUSH_CPU_VISITS);
        row(Counter.FLUSHED_PFNS);
        row(Counter.FLUSHED_USEFUL);
        row("  useless (above it)", r -> count(r, "flushed_pfns_useless"));
        row("  retry failed anyway", r -> count(r, "flushed_pfns_for_nothing"));
        row("work units / op", r -> decimal(r.doubleValue("work_units_per_op")));
        row("  tree nodes visited / op", r -> perOp(r, "work_tree_nodes_visited"));
        for (int b = 0; b <= AllocStats.UNCACHED; b++) {
            int bucket = b;
            row((b < AllocStats.UNCACHED ? "hit rate class " + b : "uncached") + " (" + pages(StandardReport.pagesLabel(b, AllocStats.UNCACHED)) + ")",
                    r -> classCell(r, bucket));
        }
        row("hit rate, 1/8 into run -> end", r -> drift(r, "hit_rate", ComparisonTable::percent));
        row("work/op, 1/8 into run -> end", r -> drift(r, "work_units_per_op", ComparisonTable::decimal));
        row("tree nodes, 1/8 into run -> end", r -> drift(r, "tree_nodes", v -> String.format(Locale.ROOT, "%,d", (long) v)));
        row("cached pfns, 1/8 into run -> end", r -> drift(r, "cached_pfns", v -> String.format(Locale.ROOT, "%,d", (long) v)));
        row("flush latency p50/p99/max (us)", r -> r.longValue("flushes") == 0 ? "no flush" : micros(r, "flush_latency_p50_us") + " / "
                + micros(r, "flush_latency_p99_us") + " / " + micros(r, "flush_latency_max_us"));
        row("fan-out messages", r -> count(r, "fanout_messages"));
        row("fan-out bytes", r -> count(r, "fanout_bytes"));
        row("alloc latency p50/p99 (us)", r -> micros(r, "alloc_latency_p50_us") + " / "
                + micros(r, "alloc_latency_p99_us"));
        row(Counter.FQ_FLUSHES);
        row(Counter.FQ_TIMER_FLUSHES);
        row("  IOVAs freed per batch, mean/max", r -> decimal(r.doubleValue("fq_batch_mean")) + " / " + count(r, "fq_batch_max"));
        row("  IOVA wait mean/p99/max (us)", r -> micros(r, "fq_wait_mean_us") + " / " + micros(r, "fq_wait_p99_us")
                + " / " + micros(r, "fq_wait_max_us"));
        row("time series rows", r -> count(r, "timeseries_rows"));
        row("  barriers (CPUs stopped for a row)", r -> count(r, "timeseries_barriers"));
        row("conservation", r -> r.flag("conservation_ok") ? "ok" : "FAILED");
        row("wall time (s)", r -> String.format(Locale.ROOT, "%.2f", r.doubleValue("wall_seconds")));
        row("ops / s", r -> count(r, "ops_per_second"));
        row("simulated s / wall s", r -> String.format(Locale.ROOT, "%.3g", r.doubleValue("sim_seconds_per_wall_second")));
    }

    /** Widest line a table may take: a terminal of 120 columns shows it unwrapped. */
    public static final int MAX_WIDTH = 120;

    /**
     * The tables for {@code runs}: one per engine (the engine heads its label column), one
     * column per run headed by its policy's name, rows no run of that engine has left out.
     * A table wider than {@link #MAX_WIDTH} is cut into several, each with its share of the
     * columns, so that every figure is shown and no line wraps.
     */
    public static String render(List<RunReport> runs) {
        ComparisonTable t = new ComparisonTable();
        Map<String, List<RunReport>> byEngine = new LinkedHashMap<>();
        for (RunReport r : runs) byEngine.computeIfAbsent(r.text("engine"), e -> new ArrayList<>()).add(r);
        StringBuilder sb = new StringBuilder();
        for (var e : byEngine.entrySet()) {
            for (List<RunReport> part : t.parts(e.getKey(), e.getValue())) {
                if (sb.length() > 0) sb.append('\n');
                sb.append(t.format(e.getKey(), part));
            }
        }
        return sb.toString();
    }

    /** A counter's row: its {@link Counter#tableLabel()} and its count. */
    private void row(Counter c) {
        row(c.tableLabel(), r -> count(r, c.key()));
    }

    private void row(String label, Function<RunReport, String> cell) {
        rows.add(new Row(label, cell));
    }

    /** The runs cut into groups whose table fits {@link #MAX_WIDTH}; a group holds one run at least. */
    private List<List<RunReport>> parts(String engine, List<RunReport> runs) {
        List<List<RunReport>> out = new ArrayList<>();
        List<RunReport> cur = new ArrayList<>();
        for (RunReport r : runs) {
            cur.add(r);
            if (cur.size() > 1 && width(engine, cur) > MAX_WIDTH) {
                cur.remove(cur.size() - 1);
                out.add(cur);
                cur = new ArrayList<>(List.of(r));
            }
        }
        out.add(cur);
        return out;
    }

    private int width(String engine, List<RunReport> runs) {
        return format(engine, runs).lines().mapToInt(String::length).max().orElse(0);
    }

    private String format(String engine, List<RunReport> runs) {
        String corner = "engine: " + engine;
        List<Row> shown = rows.stream().filter(row -> runs.stream().anyMatch(r -> !cellOf(row, r).equals(NONE))).toList();
        int labelWidth = Math.max(corner.length(), shown.stream().mapToInt(r -> r.label.length()).max().orElse(0));
        List<List<String>> cols = new ArrayList<>();
        int[] widths = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            List<String> col = new ArrayList<>();
            col.add(runs.get(i).text("policy"));
            for (Row row : shown) col.add(cellOf(row, runs.get(i)));
            cols.add(col);
            widths[i] = col.stream().mapToInt(String::length).max().orElse(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line <= shown.size(); line++) {
            String label = line == 0 ? corner : shown.get(line - 1).label;
            sb.append(label).append(" ".repeat(labelWidth - label.length()));
            for (int i = 0; i < cols.size(); i++) {
                String v = cols.get(i).get(line);
                sb.append("  ").append(" ".repeat(widths[i] - v.length())).append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cellOf(Row row, RunReport r) {
        try {
            return row.cell.apply(r);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    private static String count(RunReport r, String key) {
        return String.format(Locale.ROOT, "%,d", r.longValue(key));
    }

    private static String perOp(RunReport r, String key) {
        long ops = r.longValue("ops");
        return decimal(ops == 0 ? 0 : (double) r.longValue(key) / ops);
    }

    private static String classCell(RunReport r, int bucket) {
        RunReport c = r.list("size_classes").get(bucket);
        long allocs = c.longValue("allocs");
        return allocs == 0 ? "no allocs" : percent(c.doubleValue("hit_rate")) + " of " + String.format(Locale.ROOT, "%,d", allocs);
    }

    /** A figure 1/8 into the run and at its end, each as {@code format} writes it. */
    private static String drift(RunReport r, String key, DoubleFunction<String> format) {
        return format.apply(r.doubleValue("drift_" + key + "_first")) + " -> " + format.apply(r.doubleValue("drift_" + key + "_last"));
    }

    private static String micros(RunReport r, String key) {
        return String.format(Locale.ROOT, "%,.0f", r.doubleValue(key));
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    private static String decimal(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** "1 page", "2 pages", "3-4 pages", ">32 pages". */
    private static String pages(String label) {
        return label + (label.equals("1") ? " page" : " pages");
    }
}
