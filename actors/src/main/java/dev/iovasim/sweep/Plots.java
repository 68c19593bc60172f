package dev.iovasim.sweep;

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

/**
 * The sweep's PNG charts, one per {@link PlotSpec} (and per fan-out shape when the sweep has
 * several): each line is a {@link Series}' median over repeats against CPUs, with a band from
 * the smallest to the largest repeat. A chart whose column no run reported is skipped, and said so.
 */
public final class Plots {
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

    /** An empty chart of the sweep charts' size and look (background, grid, fonts, legend, markers), for every command's charts. */
    public static XYChart chart(String title, String xAxis, String yAxis) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(PlotChart.WIDTH).height(PlotChart.HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        PlotChart.baseStyle(chart.getStyler());
        return chart;
    }

    /** Writes {@code chart} as a PNG at {@code file} (every command's charts). */
    public static void writePng(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The look of the {@code i}th line of a chart: colour, marker and dash (dma-map-benchmark's chart too). */
    public static void lineStyle(org.knowm.xchart.XYSeries s, int i) {
        PlotChart.lineStyle(s, i);
    }

    /** A tick on a log-2 CPU axis, labelled with its CPU count when that is a whole number. */
    public static String cpuTick(Double x) {
        return PlotChart.cpuTick(x);
    }
}
