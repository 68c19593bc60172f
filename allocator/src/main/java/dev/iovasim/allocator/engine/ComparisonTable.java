package dev.iovasim.allocator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Several runs side by side on the terminal: one row per figure, one column per run. */
public final class ComparisonTable {
    private record Row(String label, Function<RunReport, String> cell) {
    }

    private final List<Row> rows = new ArrayList<>();

    private ComparisonTable() {
        row("workload", r -> r.text("workload"));
        row("engine", r -> r.text("engine"));
        row("cpus", r -> count(r, "cpus"));
        row("operations", r -> count(r, "ops"));
        row("allocations", r -> count(r, "allocs"));
        row("  rcache hit", r -> count(r, "rcache_hits"));
        row("  depot hit", r -> count(r, "depot_hits"));
        row("  tree", r -> count(r, "tree_allocs"));
        row("  failed", r -> count(r, "alloc_failed"));
        row("maps trying 32 bits first (SAC)", r -> count(r, "sac_attempts"));
        row("  no 32-bit address", r -> count(r, "sac_failures"));
        row("devices switched to 64-bit", r -> count(r, "devices_switched"));
        row("hit rate", r -> percent(r.doubleValue("hit_rate")));
        row("flushes", r -> count(r, "flushes"));
        row("  retry failed", r -> count(r, "flushes_retry_failed"));
        row("  nothing useful", r -> count(r, "flushes_nothing_useful"));
        row("CPUs visited by flushes", r -> count(r, "flush_cpu_visits"));
        row("pfns flushed", r -> count(r, "flushed_pfns"));
        row("  useful (under the limit)", r -> count(r, "flushed_pfns_useful"));
        row("  useless (above it)", r -> count(r, "flushed_pfns_useless"));
        row("  retry failed anyway", r -> count(r, "flushed_pfns_for_nothing"));
        row("work units / op", r -> decimal(r.doubleValue("work_units_per_op")));
        row("  tree nodes visited / op", r -> perOp(r, "work_tree_nodes_visited"));
        for (int b = 0; b < 7; b++) {
            int bucket = b;
            row((b < 6 ? "hit rate class " + b : "uncached") + " (" + StandardReport.pagesLabel(b) + " pages)",
                    r -> classCell(r, bucket));
        }
        row("hit rate, 1/8 into run -> end", r -> drift(r, "hit_rate", true));
        row("work/op, 1/8 into run -> end", r -> drift(r, "work_units_per_op", false));
        row("tree nodes, 1/8 into run -> end", r -> driftCount(r, "tree_nodes"));
        row("cached pfns, 1/8 into run -> end", r -> driftCount(r, "cached_pfns"));
        row("flush latency p50/p99/max (us)", r -> r.longValue("flushes") == 0 ? "no flush" : micros(r, "flush_latency_p50_us") + " / "
                + micros(r, "flush_latency_p99_us") + " / " + micros(r, "flush_latency_max_us"));
        row("fan-out messages", r -> count(r, "fanout_messages"));
        row("fan-out bytes", r -> count(r, "fanout_bytes"));
        row("alloc latency p50/p99 (us)", r -> micros(r, "alloc_latency_p50_us") + " / "
                + micros(r, "alloc_latency_p99_us"));
        row("conservation", r -> r.flag("conservation_ok") ? "ok" : "FAILED");
        row("wall time (s)", r -> String.format(Locale.ROOT, "%.2f", r.doubleValue("wall_seconds")));
        row("ops / s", r -> count(r, "ops_per_second"));
    }

    /** The table for {@code runs}, one column each, headed by the policy's name. */
    public static String render(List<RunReport> runs) {
        return new ComparisonTable().format(runs);
    }

    private void row(String label, Function<RunReport, String> cell) {
        rows.add(new Row(label, cell));
    }

    private String format(List<RunReport> runs) {
        int labelWidth = rows.stream().mapToInt(r -> r.label.length()).max().orElse(0);
        List<List<String>> cols = new ArrayList<>();
        int[] widths = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            List<String> col = new ArrayList<>();
            col.add(runs.get(i).text("policy"));
            for (Row row : rows) col.add(cellOf(row, runs.get(i)));
            cols.add(col);
            widths[i] = col.stream().mapToInt(String::length).max().orElse(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line <= rows.size(); line++) {
            String label = line == 0 ? "" : rows.get(line - 1).label;
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
            return "-";
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
        return allocs == 0 ? "-" : percent(c.doubleValue("hit_rate")) + " of " + String.format(Locale.ROOT, "%,d", allocs);
    }

    private static String drift(RunReport r, String key, boolean asPercent) {
        double a = r.doubleValue("drift_" + key + "_first");
        double b = r.doubleValue("drift_" + key + "_last");
        return asPercent ? percent(a) + " -> " + percent(b) : decimal(a) + " -> " + decimal(b);
    }

    private static String driftCount(RunReport r, String key) {
        return String.format(Locale.ROOT, "%,d -> %,d", (long) r.doubleValue("drift_" + key + "_first"),
                (long) r.doubleValue("drift_" + key + "_last"));
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
}
