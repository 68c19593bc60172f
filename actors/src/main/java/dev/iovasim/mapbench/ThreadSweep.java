package dev.iovasim.mapbench;

import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.mapbench.MapBenchmark;
import dev.iovasim.allocator.mapbench.MapBenchResult;
import dev.iovasim.allocator.mapbench.MapBenchSpec;
import dev.iovasim.allocator.Policy;
import dev.iovasim.progress.Progress;
import dev.iovasim.sweep.Plots;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/**
 * {@code dma-map-benchmark --sweep-threads DIR}: the benchmark at 1, 2, 4 .. 256 threads under each
 * policy, written as {@code map-latency.csv} (one row per policy and thread count) and drawn as
 * {@code map-latency.png} (average map latency against threads, one line per policy). A thread
 * count whose maps run out of address space is a row with {@code failed} and no point.
 */
public final class ThreadSweep {
    public static final int MAX_THREADS = 256;
    public static final String CSV = "map-latency.csv";
    public static final String PNG = "map-latency.png";
    static final String HEADER = "policy,threads,simulated_ms,granule,bits,delay_ns,map_us,map_sd_us,unmap_us,unmap_sd_us,loops,"
            + "tree_allocs,flushes,tree_lock_handoffs,outcome";

    private ThreadSweep() {
    }

    /** Thread counts of the sweep: powers of two up to {@link #MAX_THREADS}. */
    public static List<Integer> threadCounts() {
        return IntStream.iterate(1, t -> t <= MAX_THREADS, t -> t * 2).boxed().toList();
    }

    /** Runs the sweep; {@code specAt} gives the run's settings at a thread count. */
    public static void run(List<Policy> policies, IntFunction<MapBenchSpec> specAt, long durationNs, CostModel model,
                           boolean gaps, Path dir, PrintStream progress) throws IOException {
        Files.createDirectories(dir);
        Map<String, Map<Integer, Double>> lines = new LinkedHashMap<>();
        long runs = (long) policies.size() * threadCounts().size();
        try (Writer csv = Files.newBufferedWriter(dir.resolve(CSV));
             Progress bar = Progress.open("dma-map-benchmark sweep", runs, "runs", 1, progress)) {
            csv.write(HEADER + "\n");
            long done = 0;
            for (Policy p : policies) {
                Map<Integer, Double> line = new LinkedHashMap<>();
                for (int t : threadCounts()) {
                    MapBenchSpec spec = specAt.apply(t);
                    bar.extra(p.name() + ", " + t + " threads");
                    csv.write(row(p, spec, durationNs, gaps, model, line) + "\n");
                    csv.flush();
                    bar.stepTo(++done);
                }
                lines.put(p.name(), line);
            }
        }
        chart(lines, dir.resolve(PNG), title(specAt.apply(1), durationNs));
        progress.println("sweep: wrote " + dir.resolve(CSV) + " and " + dir.resolve(PNG));
    }

    private static String row(Policy p, MapBenchSpec spec, long durationNs, boolean gaps, CostModel model,
                              Map<Integer, Double> line) {
        String head = String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d", p.name(), spec.threads(), durationNs / 1_000_000L,
                spec.granule(), spec.bits(), spec.delayNs());
        try {
            MapBenchResult r = MapBenchmark.run(p, spec, durationNs, model, gaps, now -> { });
            line.put(spec.threads(), r.mapUs());
            return String.format(Locale.ROOT, "%s,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%d,ok", head, r.mapUs(),
                    r.map().stddev100ns() / 10.0, r.unmapUs(), r.unmap().stddev100ns() / 10.0, r.map().loops(),
                    r.stats().get(Counter.TREE_ALLOCS), r.stats().get(Counter.FLUSHES), r.treeLock().handoffs());
        } catch (MapBenchmark.MapFailed e) {
            return head + ",,,,,,,,,failed";
        }
    }

    static String title(MapBenchSpec s, long durationNs) {
        return String.format(Locale.ROOT, "dma-map-benchmark: map latency vs threads (-g %d pages, -b %d, -x %d ns,"
                + " %d ms simulated; cost-model proxy)", s.granule(), s.bits(), s.delayNs(), durationNs / 1_000_000L);
    }

    /**
     * The sweep's chart: average map latency (us) against threads on a log-2 axis, one line per
     * policy, drawn with XChart in the sweep command's look and line style ({@link Plots#chart},
     * {@link Plots#lineStyle}), so that policies with equal latencies stay visible one over the other.
     */
    private static void chart(Map<String, Map<Integer, Double>> lines, Path png, String title) throws IOException {
        XYChart chart = Plots.chart(title, "threads = simulated CPUs (log2 scale)", "average map latency (us)");
        var s = chart.getStyler();
        s.setYAxisMin(0.0);
        // headroom above the highest point, so XChart puts several ticks on a flat line too
        double top = lines.values().stream().flatMap(l -> l.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        s.setYAxisMax(Math.max(0.1, top * 1.25));
        s.setYAxisDecimalPattern("0.0");
        s.setXAxisMin(0.0);
        s.setXAxisMax(Math.log(MAX_THREADS) / Math.log(2));
        s.setxAxisTickLabelsFormattingFunction(Plots::cpuTick);
        int i = 0;
        for (var line : lines.entrySet()) {
            if (line.getValue().isEmpty()) continue;
            double[] x = line.getValue().keySet().stream().mapToDouble(t -> Math.log(t) / Math.log(2)).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            Plots.lineStyle(chart.addSeries(line.getKey(), x, y), i++);
        }
        Plots.writePng(chart, png);
    }
}
