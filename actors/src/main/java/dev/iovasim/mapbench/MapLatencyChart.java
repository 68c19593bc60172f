package dev.iovasim.mapbench;

import dev.iovasim.sweep.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The sweep's chart: average map latency (us) against threads on a log-2 axis, one line per
 * policy, drawn with XChart in the sweep command's look and line style ({@link Plots#chart},
 * {@link Plots#lineStyle}), so that policies with equal latencies stay visible one over the other.
 */
final class MapLatencyChart {
    private MapLatencyChart() {
    }

    static void write(Map<String, Map<Integer, Double>> lines, Path png, String title) throws IOException {
        XYChart chart = Plots.chart(title, "threads = simulated CPUs (log2 scale)", "average map latency (us)");
        var s = chart.getStyler();
        s.setYAxisMin(0.0);
        // headroom above the highest point, so XChart puts several ticks on a flat line too
        double top = lines.values().stream().flatMap(l -> l.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        s.setYAxisMax(Math.max(0.1, top * 1.25));
        s.setYAxisDecimalPattern("0.0");
        s.setXAxisMin(0.0);
        s.setXAxisMax(Math.log(ThreadSweep.MAX_THREADS) / Math.log(2));
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
