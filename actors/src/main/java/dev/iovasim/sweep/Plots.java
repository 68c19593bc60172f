package dev.iovasim.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's PNG charts: each metric's median over repeats against CPUs on a log-2 axis, one
 * line per {@link Series}. A chart whose metric no run reported is skipped, and said so.
 */
public final class Plots {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;
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

    /** A chart written. */
    public record Drawn(PlotSpec spec, int lines) {
    }

    /** A chart not written, and why. */
    public record Skipped(PlotSpec spec, String reason) {
    }

    public record Outcome(List<Drawn> drawn, List<Skipped> skipped) {
    }

    private Plots() {
    }

    public static Outcome write(ResultTable table, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Medians.Row> medians = Medians.of(table);
        Series series = new Series(table);
        int repeats = table.completed().stream().mapToInt(r -> (int) ResultTable.number(r, "repeat") + 1).max().orElse(0);
        List<Drawn> drawn = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (PlotSpec spec : PlotSpec.all()) {
            Map<String, TreeMap<Integer, Double>> lines = lines(medians, series, spec);
            if (lines.isEmpty()) {
                skipped.add(new Skipped(spec, "no run reported " + spec.column()));
                continue;
            }
            XYChart chart = chart(spec, lines, repeats);
            try (OutputStream out = Files.newOutputStream(dir.resolve(spec.file()))) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            drawn.add(new Drawn(spec, lines.size()));
        }
        return new Outcome(drawn, skipped);
    }

    /** Line label to (CPUs to median value), lines in the order the sweep ran them. */
    private static Map<String, TreeMap<Integer, Double>> lines(List<Medians.Row> medians, Series series, PlotSpec spec) {
        Map<String, TreeMap<Integer, Double>> out = new LinkedHashMap<>();
        for (Medians.Row r : medians) {
            double v = r.value(spec.column());
            if (Double.isNaN(v)) continue;
            out.computeIfAbsent(series.label(r.key()), k -> new TreeMap<>()).put(r.cpus(), v * spec.scale());
        }
        return out;
    }

    private static XYChart chart(PlotSpec spec, Map<String, TreeMap<Integer, Double>> lines, int repeats) {
        String subtitle = repeats > 1 ? " (median of " + repeats + " runs)" : "";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title() + subtitle)
                .xAxisTitle("simulated CPUs (log₂ scale)").yAxisTitle(spec.yAxis()).build();
        style(chart.getStyler(), lines);
        int i = 0;
        for (var line : lines.entrySet()) {
            double[] x = line.getValue().keySet().stream().mapToDouble(Plots::log2).toArray();
            double[] y = line.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            lineStyle(chart.addSeries(line.getKey(), x, y), i++);
        }
        return chart;
    }

    /** The look of the {@code i}th line of a chart: its colour, marker and dash (also dma-map-benchmark's chart). */
    public static void lineStyle(XYSeries s, int i) {
        Color c = PALETTE[i % PALETTE.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        // shapes and dashes keep lines that coincide (equal policies) both visible
        s.setMarker(MARKERS[i % MARKERS.length]);
        s.setLineStyle(i % 2 == 0 ? SOLID : DASHED);
    }

    private static void style(XYStyler s, Map<String, TreeMap<Integer, Double>> lines) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setMarkerSize(8);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setYAxisMin(0.0);
        s.setyAxisTickLabelsFormattingFunction(Plots::number);
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (TreeMap<Integer, Double> l : lines.values()) {
            lo = Math.min(lo, l.firstKey());
            hi = Math.max(hi, l.lastKey());
        }
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

    /** A tick on the log-2 axis, labelled with its CPU count when that is a whole number. */
    public static String cpuTick(Double x) {
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
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
