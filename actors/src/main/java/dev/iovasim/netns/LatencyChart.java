package dev.iovasim.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code LatencyChart SWEEP.csv OUT.png}: grouped bars of the fan-out + gather latency (p50 and
 * p99, one bar each per fan-out shape) for every link delay of the sweep, in the order the CSV
 * lists them. The CSV is the sweep script's: {@code delay,fanout,cpus,p50_us,p99_us,max_us,messages,bytes}.
 */
public final class LatencyChart {
    private LatencyChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LatencyChart SWEEP.csv OUT.png");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        if (lines.size() < 2 || !lines.get(0).startsWith("delay,fanout,cpus,p50_us,p99_us")) {
            System.err.println(args[0] + ": expected the header delay,fanout,cpus,p50_us,p99_us,... and rows");
            System.exit(2);
        }
        List<String> delays = new ArrayList<>();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        String cpus = "";
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 5) {
                System.err.println(args[0] + ":" + (i + 1) + ": expected at least 5 fields, got " + lines.get(i));
                System.exit(2);
            }
            if (!delays.contains(f[0])) delays.add(f[0]);
            cpus = f[2];
            series.computeIfAbsent(f[1] + " p50", k -> new LinkedHashMap<>()).put(f[0], Double.parseDouble(f[3]) / 1000);
            series.computeIfAbsent(f[1] + " p99", k -> new LinkedHashMap<>()).put(f[0], Double.parseDouble(f[4]) / 1000);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
                .title("Flush fan-out + gather across 3 network-namespace hosts, " + cpus + " CPUs")
                .xAxisTitle("one-way delay between hosts").yAxisTitle("latency (ms, log scale)").build();
        // p50 and p99 differ by an order of magnitude or more on a busy machine: a log axis shows both
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#0.0");
        for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String d : delays) ys.add(e.getValue().getOrDefault(d, 0.0));
            chart.addSeries(e.getKey(), delays, ys);
        }
        String out = args[1].endsWith(".png") ? args[1].substring(0, args[1].length() - 4) : args[1];
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
}
