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
 * The sweep's PNG charts, one per {@link PlotSpec} (and per fan-out shape when the sweep has
 * several): each line is a {@link Series}' median over repeats against CPUs, with a band from
 * the smallest to the largest repeat. A chart whose column no run reported is skipped, and said so.
 * Every command's charts share their size and look from here.
 */
public final class Plots {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;
    /** Distinct at a glance and legible in grey print. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22)};
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f);

    /** A chart written: its spec, the fan-out shape it shows ("" for all), file, lines, log y. */
    public record Drawn(PlotSpec spec, String fanout, String file, int lines, boolean logY) {
    }

    /** A chart not written, and why. */
    public record Skipped(PlotSpec spec, String fanout, String reason) {
    }

    public record Outcome(List<Drawn> drawn, List<Skipped> skipped) {
    }

    private Plots() {
    }

    public static Outcome write(ResultTable table, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Medians.Row> medians = Medians.of(table);
        Series series = new Series(table);
        boolean split = series.varies("fanout");
        List<String> shapes = split ? List.copyOf(table.distinct("fanout")) : List.of("");
        int repeats = (int) table.completed().stream().mapToDouble(r -> ResultTable.number(r, "repeat")).max().orElse(0) + 1;
        List<Drawn> drawn = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (PlotSpec spec : PlotSpec.all()) {
            for (String shape : shapes) {
                Map<String, TreeMap<Integer, Medians.Spread>> lines = lines(medians, series, spec, shape);
                if (lines.isEmpty()) {
                    skipped.add(new Skipped(spec, shape, "no run" + (shape.isEmpty() ? "" : " with fan-out " + shape)
                            + " reported " + spec.column()));
                    continue;
                }
                String file = spec.name() + (shape.isEmpty() ? "" : "-" + shape) + ".png";
                String title = spec.title() + (shape.isEmpty() ? "" : ", fan-out " + shape);
                PlotChart chart = new PlotChart(title, spec.yAxis(), repeats, lines);
                writePng(chart.build(), dir.resolve(file));
                drawn.add(new Drawn(spec, shape, file, lines.size(), chart.logY()));
            }
        }
        return new Outcome(drawn, skipped);
    }

    /** Line label to (CPUs to spread over repeats), lines in the order the sweep ran them. */
    private static Map<String, TreeMap<Integer, Medians.Spread>> lines(List<Medians.Row> medians, Series series,
                                                                       PlotSpec spec, String shape) {
        Map<String, TreeMap<Integer, Medians.Spread>> out = new LinkedHashMap<>();
        for (Medians.Row r : medians) {
            if (!shape.isEmpty() && !shape.equals(r.key().get("fanout"))) continue;
            Medians.Spread s = r.spread(spec.column());
            if (Double.isNaN(s.median())) continue;
            String label = shape.isEmpty() ? series.label(r.key()) : series.labelWithout(r.key(), "fanout");
            out.computeIfAbsent(label, k -> new TreeMap<>()).put(r.cpus(), s);
        }
        return out;
    }

    /**
     * An empty chart of the sweep charts' size and look, for every command's charts: white, light
     * grid, fonts, legend to the right, line series with markers.
     */
    public static XYChart chart(String title, String xAxis, String yAxis) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        XYStyler s = chart.getStyler();
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
        return chart;
    }

    /** Writes {@code chart} as a PNG at {@code file} (every command's charts). */
    public static void writePng(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The look of the {@code i}th line of a chart: colour, marker and dash (dma-map-benchmark's chart too). */
    public static void lineStyle(XYSeries s, int i) {
        Color c = PALETTE[i % PALETTE.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        // shapes and dashes keep lines that coincide (equal policies) both visible
        s.setMarker(MARKERS[i % MARKERS.length]);
        s.setLineStyle(i % 2 == 0 ? SOLID : DASHED);
    }

    /** A tick on a log-2 CPU axis, labelled with its CPU count when that is a whole number. */
    public static String cpuTick(Double x) {
        double v = Math.pow(2, x);
        long n = Math.round(v);
        return Math.abs(v - n) < 1e-6 * v ? Long.toString(n) : " ";
    }
}
