package dev.iovasim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DIR/report.md: the setup, every chart with what it shows, the medians over repeats, and
 * linear and power-law fits of flush latency against CPUs (and against nodes) with their
 * quality. A table with nothing to show is left out and a sentence says why.
 */
public final class ReportWriter {
    public static final String NAME = "report.md";

    /** The median table's columns: header and results.csv column (percent when scaled by 100). */
    private record Shown(String header, String column, double scale) {
    }

    private static final List<Shown> SHOWN = List.of(
            new Shown("allocs", "allocs", 1),
            new Shown("hit rate %", "hit_rate", 100),
            new Shown("flushes", "flushes", 1),
            new Shown("pfns/flush", "flushed_pfns_per_flush", 1),
            new Shown("useless pfns", "flushed_pfns_useless", 1),
            new Shown("work units/op", "work_units_per_op", 1),
            new Shown("ops/s", "ops_per_second", 1),
            new Shown("flush p50 µs", "flush_latency_p50_us", 1),
            new Shown("flush p99 µs", "flush_latency_p99_us", 1),
            new Shown("flush max µs", "flush_latency_max_us", 1),
            new Shown("msgs/flush", "fanout_messages_per_flush", 1),
            new Shown("bytes/flush", "fanout_bytes_per_flush", 1),
            new Shown("alloc p50 µs", "alloc_latency_p50_us", 1),
            new Shown("alloc p99 µs", "alloc_latency_p99_us", 1));

    private static final List<String> LATENCIES = List.of("flush_latency_p50_us", "flush_latency_p99_us");

    private final ResultTable table;
    private final Plots.Outcome plots;
    private final PlanFile plan;
    private final Series series;
    private final StringBuilder md = new StringBuilder();

    public ReportWriter(ResultTable table, Plots.Outcome plots, PlanFile plan) {
        this.table = table;
        this.plots = plots;
        this.plan = plan;
        this.series = new Series(table);
    }

    public Path write(Path dir) throws IOException {
        md.setLength(0);
        md.append("# iovasim sweep report\n\n");
        setup();
        charts();
        medians();
        fits("cpus", "CPU", "Flush latency growth per added CPU");
        fits("nodes", "node", "Flush latency growth per added node");
        problems();
        Path f = dir.resolve(NAME);
        Files.writeString(f, md.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private void setup() {
        md.append("## Setup\n\n");
        List<String> commands = plan.commands();
        for (int i = 0; i < commands.size(); i++) {
            md.append(i == 0 ? "- Command: `" : "- Resumed with: `").append(commands.get(i)).append("`\n");
        }
        Map<String, String> a = plan.args();
        md.append("- Plan: CPUs ").append(a.get("cpus")).append("; nodes ").append(a.get("nodes"))
                .append("; policies ").append(a.get("policy")).append("; workload ").append(a.get("workload"))
                .append("; engine ").append(a.get("engine")).append("; fan-out ").append(a.get("fanout"))
                .append("; ").append(a.get("ops")).append(" ops per CPU in each run; ").append(a.get("repeat"))
                .append(" repeat(s), seeds ").append(a.get("seed")).append(" + repeat index\n");
        double runSeconds = table.completed().stream().mapToDouble(r -> ResultTable.number(r, "wall_seconds"))
                .filter(d -> !Double.isNaN(d)).sum();
        md.append(String.format(Locale.ROOT, "- Runs: %d completed, %d failed; %.1f s of measured run time%n",
                table.completed().size(), table.failed().size(), runSeconds));
        Runtime rt = Runtime.getRuntime();
        md.append(String.format(Locale.ROOT, "- Machine: %d cores, Java %s (%s), %s %s, max heap %d MiB%n",
                rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"), rt.maxMemory() >> 20));
        md.append("- Date: ").append(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n");
        md.append("- Files: `results.csv` (one row per run), `plan.txt` (the flags; `--resume` checks them), the PNGs below\n\n");
    }

    private void charts() {
        md.append("## Plots\n\nEach line is the median over repeats, with a band from the smallest to the largest")
                .append(" repeat; CPUs are on a log-2 axis. A y axis marked \"log scale\" spans more than two decades.\n\n");
        for (Plots.Drawn d : plots.drawn()) {
            String title = d.spec().title() + (d.fanout().isEmpty() ? "" : ", fan-out " + d.fanout());
            md.append("### ").append(title).append("\n\n").append(capitalized(d.spec().meaning()))
                    .append(d.logY() ? " (log scale)." : ".").append("\n\n");
            md.append("![").append(title).append("](").append(d.file()).append(")\n\n");
        }
        if (!plots.skipped().isEmpty()) {
            md.append("Not drawn (no data):\n\n");
            for (Plots.Skipped s : plots.skipped()) {
                md.append("- ").append(s.spec().title()).append(s.fanout().isEmpty() ? "" : ", fan-out " + s.fanout())
                        .append(": ").append(s.reason()).append("\n");
            }
            md.append("\n");
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void medians() {
        md.append("## Medians across repeats\n\n");
        List<Medians.Row> rows = Medians.of(table);
        if (rows.isEmpty()) {
            md.append("No completed runs.\n\n");
            return;
        }
        List<String> dims = Stream.concat(Series.DIMENSIONS.stream().filter(series::varies), Stream.of("cpus")).toList();
        List<Shown> shown = SHOWN.stream().filter(s -> table.hasNumbers(s.column())).toList();
        List<String> header = new ArrayList<>(dims);
        header.add("runs");
        shown.forEach(s -> header.add(s.header()));
        row(header);
        md.append("|").append("---|".repeat(header.size())).append("\n");
        for (Medians.Row r : rows) {
            List<String> cells = new ArrayList<>();
            dims.forEach(d -> cells.add(r.key().get(d)));
            cells.add(Integer.toString(r.runs()));
            shown.forEach(s -> cells.add(format(r.spread(s.column()).median() * s.scale())));
            row(cells);
        }
        md.append("\n");
    }

    /**
     * A line and a power law of each latency percentile against {@code x} over every completed
     * run (a repeat is a point of its own, so scatter lowers R²), per line of the other dimensions.
     */
    private void fits(String x, String unit, String title) {
        md.append("## ").append(title).append("\n\n");
        if (table.distinct(x).size() < 2) {
            md.append("Only one ").append(unit).append(" count (").append(String.join(", ", table.distinct(x)))
                    .append(") in this sweep: nothing to fit.\n\n");
            return;
        }
        if (LATENCIES.stream().noneMatch(table::hasNumbers)) {
            md.append("No run reported flush latency (no run flushed, or the engine does not measure it):")
                    .append(" nothing to fit.\n\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String column : LATENCIES) {
            for (var g : groups(x).entrySet()) {
                double[][] xy = points(g.getValue(), x, column);
                GrowthFit f = GrowthFit.of(xy[0], xy[1]);
                if (f == null) continue;
                rows.add(List.of(g.getKey(), column.contains("p50") ? "p50" : "p99", format(f.slope()), format(f.intercept()),
                        r2(f.r2()), Double.isNaN(f.exponent()) ? "–" : String.format(Locale.ROOT, "%.2f", f.exponent()),
                        r2(f.powerR2()), Integer.toString(f.n()), f.distinctX() + " values", f.quality()));
            }
        }
        if (rows.isEmpty()) {
            md.append("No line of the plots has flush latency at two ").append(unit)
                    .append(" counts or more (runs that did not flush have none): nothing to fit.\n\n");
            return;
        }
        md.append("Two least-squares fits (Apache Commons Math) over every completed run, each repeat a point,")
                .append(" one per line of the plots").append(x.equals("cpus") ? "" : " at each CPU count")
                .append(": a line `latency = slope × ").append(x).append(" + intercept`, and a power law")
                .append(" `latency = a × ").append(x).append("^b` (fitted on logarithms). R² is the share of the")
                .append(" latency's variance (of its logarithm, for the power law) the model explains.\n\n");
        row(List.of("line", "percentile", "slope (µs per " + unit + ")", "intercept (µs)", "R² line", "exponent b",
                "R² power", "runs", x, "verdict"));
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(this::row);
        md.append("\n");
    }

    /** The runs' x and y where y was reported. */
    private static double[][] points(List<Map<String, String>> runs, String x, String column) {
        List<Map<String, String>> kept = runs.stream().filter(r -> !Double.isNaN(ResultTable.number(r, column))).toList();
        return new double[][] {kept.stream().mapToDouble(r -> ResultTable.number(r, x)).toArray(),
            kept.stream().mapToDouble(r -> ResultTable.number(r, column)).toArray()};
    }

    private static String r2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Completed runs grouped by everything but {@code x} (and repeat/seed). */
    private Map<String, List<Map<String, String>>> groups(String x) {
        return table.completed().stream().collect(Collectors.groupingBy(
                r -> series.labelWithout(r, x) + (x.equals("cpus") ? "" : ", " + r.get("cpus") + " CPUs"),
                LinkedHashMap::new, Collectors.toList()));
    }

    private void problems() {
        md.append("## Checks\n\n");
        List<Medians.Row> bad = Medians.of(table).stream().filter(r -> r.conservationFailures() > 0).toList();
        if (table.distinct("conservation_ok").stream().allMatch(String::isEmpty)) {
            md.append("No run reported a conservation check.\n\n");
        } else if (bad.isEmpty()) {
            md.append("The conservation check passed in every run that reported it.\n\n");
        } else {
            for (Medians.Row r : bad) {
                md.append("- conservation check FAILED in ").append(r.conservationFailures()).append(" run(s) of ")
                        .append(series.label(r.key())).append(", ").append(r.key().get("cpus")).append(" CPUs\n");
            }
            md.append("\n");
        }
        if (table.failed().isEmpty()) {
            md.append("No run failed.\n");
            return;
        }
        md.append("Failed runs (`--resume` runs them again):\n\n");
        for (Map<String, String> r : table.failed()) {
            md.append("- ").append(series.label(r)).append(", ").append(r.get("cpus")).append(" CPUs, repeat ")
                    .append(r.get("repeat")).append(": ").append(r.get(ResultColumns.ERROR)).append("\n");
        }
    }

    private void row(List<String> cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Enough digits to read, no more: 1,234,567 / 12.3 / 0.0456; a dash when absent. */
    static String format(double v) {
        if (Double.isNaN(v)) return "–";
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a == 0) return "0";
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
