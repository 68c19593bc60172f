package dev.iovasim.sweep;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart's drawing (XChart): CPUs on a log-2 x axis; y logarithmic when every value is
 * positive and they span more than two decades (a linear axis would squash all but the largest
 * line into the floor), linear from 0 otherwise; per line, the median over repeats with markers
 * and a translucent min-max band that has no legend entry of its own.
 */
record PlotChart(String title, String yAxis, int repeats, Map<String, TreeMap<Integer, Medians.Spread>> lines) {
    /** Beyond this ratio of largest to smallest value, the y axis is logarithmic. */
    static final double LOG_SPAN = 100;

    boolean logY() {
        double lo = spreads().mapToDouble(Medians.Spread::min).min().orElse(Double.POSITIVE_INFINITY);
        double hi = Math.max(0, spreads().mapToDouble(Medians.Spread::max).max().orElse(0));
        return lo > 0 && hi / lo > LOG_SPAN;
    }

    private Stream<Medians.Spread> spreads() {
        return lines.values().stream().flatMap(l -> l.values().stream());
    }

    XYChart build() {
        String sub = repeats > 1 ? " (median of " + repeats + " runs, band: min to max)" : "";
        XYChart chart = Plots.chart(title + sub, "simulated CPUs (log₂ scale)", yAxis + (logY() ? ", log scale" : ""));
        style(chart.getStyler());
        int i = 0;
        for (var line : lines.entrySet()) {
            Color c = Plots.PALETTE[i % Plots.PALETTE.length];
            if (repeats > 1) band(chart, line.getKey(), line.getValue(), c);
            double[] x = line.getValue().keySet().stream().mapToDouble(PlotChart::log2).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(Medians.Spread::median).toArray();
            Plots.lineStyle(chart.addSeries(line.getKey(), x, y), i++);
        }
        return chart;
    }

    /** The repeats' range as a closed polygon: along the maxima, back along the minima. */
    private static void band(XYChart chart, String label, TreeMap<Integer, Medians.Spread> points, Color c) {
        if (points.values().stream().allMatch(s -> s.min() == s.max())) return;
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        points.forEach((cpus, s) -> {
            x.add(log2(cpus));
            y.add(s.max());
        });
        points.descendingMap().forEach((cpus, s) -> {
            x.add(log2(cpus));
            y.add(s.min());
        });
        XYSeries b = chart.addSeries(label + " (min-max)", x, y);
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        b.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        b.setLineColor(new Color(0, 0, 0, 0));
        b.setMarker(SeriesMarkers.NONE);
        b.setShowInLegend(false);
    }

    private void style(XYStyler s) {
        if (logY()) {
            // XChart draws a linear axis when a tick formatting function is set: powers of ten only
            s.setYAxisLogarithmic(true);
            s.setYAxisDecimalPattern("#,##0.###");
        } else {
            s.setYAxisMin(0.0);
            s.setyAxisTickLabelsFormattingFunction(PlotChart::number);
        }
        int lo = lines.values().stream().mapToInt(TreeMap::firstKey).min().orElse(Integer.MAX_VALUE);
        int hi = lines.values().stream().mapToInt(TreeMap::lastKey).max().orElse(Integer.MIN_VALUE);
        // whole powers of two at both ends: XChart then puts a tick on every CPU count plotted
        double min = Math.floor(log2(lo));
        double max = Math.max(Math.ceil(log2(hi)), min + 1);
        s.setXAxisMin(min);
        s.setXAxisMax(max);
        s.setxAxisTickLabelsFormattingFunction(Plots::cpuTick);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Tick labels without a forest of zeros: 1.2M, 35k, 0.25. */
    private static String number(Double v) {
        double a = Math.abs(v);
        if (a >= 1e9) return trim(v / 1e9) + "G";
        if (a >= 1e6) return trim(v / 1e6) + "M";
        if (a >= 1e4) return trim(v / 1e3) + "k";
        if (a != 0 && a < 0.01) return String.format(Locale.ROOT, "%.0e", v);
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
