package dev.iovasim.scenario;

import dev.iovasim.allocator.series.Column;
import dev.iovasim.sweep.Plots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A scenario's files: one time series CSV per kernel (the columns of docs/timeseries.md, RFC 4180,
 * written with Commons CSV) and one PNG of the quantity that degrades over simulated time, one
 * line per kernel, in the sweep's line style.
 */
final class SeriesFiles {
    private SeriesFiles() {
    }

    /** What the plot shows: its y axis label and how to read it from a kernel's time series row (kernel, row). */
    record Plot(String file, String title, String yAxis, ToDoubleBiFunction<String, Object[]> y) {
        /** An interval count of {@code c} per 1000 operations of the interval (0 for an empty interval); {@code what} names it. */
        static Plot perThousandOps(String file, String scenario, String what, Column c) {
            return new Plot(file, scenario + ": " + what + " per 1000 operations", what + " per 1000 ops", (kernel, row) -> {
                double ops = value(row, Column.OPS);
                return ops == 0 ? 0 : 1000 * value(row, c) / ops;
            });
        }
    }

    /** The value of {@code c} in a row, as a number. */
    static double value(Object[] row, Column c) {
        return ((Number) row[c.ordinal()]).doubleValue();
    }

    /**
     * Writes one CSV per distinct run (lines that share a run's rows share its file) and the plot
     * with one line per entry of {@code runs}; returns the files written.
     */
    static List<Path> write(Path out, List<KernelRuns.Run> runs, Plot plot) {
        try {
            Files.createDirectories(out);
            List<Path> files = new ArrayList<>();
            List<List<Object[]>> written = new ArrayList<>();
            for (KernelRuns.Run r : runs) {
                // two lines priced from one run (the same rows) share that run's CSV
                if (written.stream().anyMatch(w -> w == r.rows())) continue;
                written.add(r.rows());
                // a kernel label as a file name: letters, digits, '.', '-' and '_' kept, the rest '_'
                files.add(csv(out.resolve("timeseries-" + r.kernel().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv"), r.rows()));
            }
            files.add(png(out.resolve(plot.file()), runs, plot));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + out + ": " + e.getMessage(), e);
        }
    }

    private static Path csv(Path file, List<Object[]> rows) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(Column.header()).setRecordSeparator('\n').get();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, format)) {
            for (Object[] row : rows) p.printRecord(row);
        }
        return file;
    }

    private static Path png(Path file, List<KernelRuns.Run> runs, Plot plot) throws IOException {
        XYChart chart = Plots.chart(plot.title(), "simulated time (ms)", plot.yAxis());
        var s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setYAxisMin(0.0);
        int i = 0;
        for (KernelRuns.Run r : runs) {
            if (r.rows().isEmpty()) continue;
            double[] x = r.rows().stream().mapToDouble(row -> value(row, Column.TIME) * 1000).toArray();
            double[] y = r.rows().stream().mapToDouble(row -> plot.y().applyAsDouble(r.kernel(), row)).toArray();
            Plots.lineStyle(chart.addSeries(r.kernel(), x, y), i++);
        }
        Plots.writePng(chart, file);
        return file;
    }
}
