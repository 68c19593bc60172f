package dev.iovasim.metrics;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A picture of the dashboard's main panels drawn from the answers Prometheus gave to their
 * queries (docs/dashboard-preview.png): no Grafana can run here, so this is what a reader
 * sees of it. Two columns of charts, each with the panel's title and unit.
 */
final class DashboardPreview {
    static final List<String> MAIN = List.of("Flush rate", "Flush latency percentiles", "Fan-out messages per flush",
            "rcache hit rate", "Allocations by outcome", "Frees by path");
    private static final int W = 700;
    private static final int H = 340;

    private DashboardPreview() {
    }

    static void write(Map<String, List<DashboardQueries.Line>> answers, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> units = Map.of("Flush rate", "flushes/s", "Flush latency percentiles", "seconds",
                "Fan-out messages per flush", "messages", "rcache hit rate", "fraction 0-1",
                "Allocations by outcome", "allocations/s", "Frees by path", "frees/s");
        BufferedImage all = new BufferedImage(2 * W, (MAIN.size() + 1) / 2 * H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < MAIN.size(); i++) {
            String title = MAIN.get(i);
            XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("seconds into the run")
                    .yAxisTitle(units.get(title)).build();
            XYStyler s = c.getStyler();
            s.setLegendPosition(Styler.LegendPosition.InsideNW);
            s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            s.setChartBackgroundColor(Color.WHITE);
            s.setPlotBackgroundColor(Color.WHITE);
            s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarkerSize(0);
            for (DashboardQueries.Line l : answers.getOrDefault(title, List.of())) {
                String name = l.legend().isEmpty() ? "value" : l.legend();
                while (c.getSeriesMap().containsKey(name)) name += " ";
                c.addSeries(name, l.t(), l.v()).setMarker(SeriesMarkers.NONE);
            }
            g.drawImage(BitmapEncoder.getBufferedImage(c), (i % 2) * W, (i / 2) * H, null);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(all, "png", file.toFile());
    }
}
