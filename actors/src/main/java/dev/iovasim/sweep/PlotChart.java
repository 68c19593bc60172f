package dev.iovasim.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart's drawing (XChart): CPUs on a log-2 x axis; y logarithmic when every value is
 * positive and they span more than two decades (a linear axis would squash all but the largest
 * line into the floor), linear from 0 otherwise; per line, the median over repeats with markers
 * and a translucent min-max band that has no legend entry of its own.
 */
final class PlotChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 560;
    /** Beyond this ratio of largest to smallest value, the y axis is logarithmic. */
    static final double LOG_SPAN = 100;
    /** Distinct at a glance and legible in grey print. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22)};
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f);

    private final String title;
    private final String yAxis;
    private final int repeats;
    private final Map<String, TreeMap<Integer, Medians.Spread>> lines;
    private final boolean logY;

    PlotChart(String title, String yAxis, int repeats, Map<String, TreeMap<Integer, Medians.Spread>> lines) {
        this.title = title;
        this.yAxis = yAxis;
        this.repeats = repeats;
        this.lines = lines;
        this.logY = wantsLogY(lines);
    }

    boolean logY() {
        return logY;
    }

    static boolean wantsLogY(Map<String, TreeMap<Integer, Medians.Spread>> lines) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (TreeMap<Integer, Medians.Spread> l : lines.values()) {
            for (Medians.Spread s : l.values()) {
                lo = Math.min(lo, s.min());
                hi = Math.max(hi, s.max());
            }
        }
        return lo > 0 && hi / lo > LOG_SPAN;
    }

    XYChart build() {
        String sub = repeats > 1 ? " (median of " + repeats + " runs, band: min to max)" : "";
        XYChart chart = Plots.chart(title + sub, "simulated CPUs (log₂ scale)", yAxis + (logY ? ", log scale" : ""));
        style(chart.getStyler());
        int i = 0;
        for (var line : lines.entrySet()) {
            Color c = PALETTE[i % PALETTE.length];
            if (repeats > 1) band(chart, line.getKey(), line.getValue(), c);
            double[] x = line.getValue().keySet().stream().mapToDouble(PlotChart::log2).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(Medians.Spread::median).toArray();
            lineStyle(chart.addSeries(line.getKey(), x, y), i++);
        }
        return chart;
    }

    static void lineStyle(XYSeries s, int i) {
        Color c = PALETTE[i % PALETTE.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        // shapes and dashes keep lines that coincide (equal policies) both visible
        s.setMarker(MARKERS[i % MARKERS.length]);
        s.setLineStyle(i % 2 == 0 ? SOLID : DASHED);
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

    /** The sweep's look: white, light grid, fonts, legend to the right, line series with markers. */
    static void baseStyle(XYStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setMarkerSize(8);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    private void style(XYStyler s) {
        if (logY) {
            // XChart draws a linear axis when a tick formatting function is set: powers of ten only
            s.setYAxisLogarithmic(true);
            s.setYAxisDecimalPattern("#,##0.###");
        } else {
            s.setYAxisMin(0.0);
            s.setyAxisTickLabelsFormattingFunction(PlotChart::number);
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (TreeMap<Integer, Medians.Spread> l : lines.values()) {
            lo = Math.min(lo, l.firstKey());
            hi = Math.max(hi, l.lastKey());
        }
        // whole powers of two at both ends: XChart then puts a tick on every CPU count plotted
        double min = Math.floor(log2(lo));
        double max = Math.max(Math.ceil(log2(hi)), min + 1);
        s.setXAxisMin(min);
        s.setXAxisMax(max);
        s.setxAxisTickLabelsFormattingFunction(PlotChart::cpuTick);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** A tick on the log-2 axis, labelled with its CPU count when that is a whole number. */
    static String cpuTick(Double x) {
        double v = Math.pow(2, x);
        long n = Math.round(v);
        return Math.abs(v - n) < 1e-6 * v ? Long.toString(n) : " ";
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
