package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every query of the Grafana dashboard through a real Prometheus's HTTP API, as
 * Grafana would over the time range of a run: the dashboard's variables substituted ("All"
 * for {@code $node} and {@code $policy}), each query must return data, and every value must be
 * finite (no NaN from a ratio or a quantile with nothing to divide). With
 * {@code -Diovasim.dashboardPreview=FILE} the main panels' answers are also drawn
 * ({@link DashboardPreview}).
 */
public final class DashboardQueries {
    /** Grafana's $__rate_interval for a 1 s scrape: four scrapes. */
    static final String RATE_INTERVAL = "4s";

    /** One series of a query's answer: its legend and its points (seconds since the start, value). */
    public record Line(String legend, double[] t, double[] v) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public DashboardQueries(int port) {
        this.port = port;
    }

    /** A query with the dashboard's variables set as Grafana sets them for "All". */
    static String substituted(String expr) {
        return expr.replace("$node", ".*").replace("$policy", ".*").replace("$__rate_interval", RATE_INTERVAL);
    }

    /** Checks every panel's queries over [{@code startSeconds}, now]; returns panel title to its lines. */
    public Map<String, List<Line>> checkAll(long startSeconds) throws IOException, InterruptedException {
        Map<String, List<Line>> out = new LinkedHashMap<>();
        long end = System.currentTimeMillis() / 1000 + 1;
        for (Map<String, Object> panel : DashboardFile.panels()) {
            List<Line> lines = new ArrayList<>();
            for (Map<String, Object> target : DashboardFile.targetsOf(panel)) {
                String expr = substituted((String) target.get("expr"));
                List<Line> got = range(expr, startSeconds, end, (String) target.get("legendFormat"));
                assertTrue(!got.isEmpty(), "panel '" + panel.get("title") + "': no data for " + expr);
                for (Line l : got) {
                    for (double v : l.v()) assertTrue(Double.isFinite(v), "panel '" + panel.get("title") + "': " + v + " in " + expr);
                }
                lines.addAll(got);
            }
            out.put((String) panel.get("title"), lines);
        }
        String preview = System.getProperty("iovasim.dashboardPreview");
        if (preview != null) DashboardPreview.write(out, Path.of(preview));
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Line> range(String expr, long start, long end, String legend) throws IOException, InterruptedException {
        URI u = URI.create("http://127.0.0.1:" + port + "/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=1");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), expr + " -> " + r.body());
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) Json.parse(r.body())).get("data");
        List<Line> out = new ArrayList<>();
        for (Object o : (List<Object>) data.get("result")) {
            Map<String, Object> series = (Map<String, Object>) o;
            Map<String, Object> labels = (Map<String, Object>) series.get("metric");
            List<Object> values = (List<Object>) series.get("values");
            double[] t = new double[values.size()];
            double[] v = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                List<Object> p = (List<Object>) values.get(i);
                t[i] = ((Number) p.get(0)).doubleValue() - start;
                v[i] = Double.parseDouble((String) p.get(1));
            }
            if (values.isEmpty()) continue;
            String name = legend;
            for (var l : labels.entrySet()) name = name.replace("{{" + l.getKey() + "}}", String.valueOf(l.getValue()));
            out.add(new Line(name.replaceAll("\\{\\{[a-z_]+}}", "").trim(), t, v));
        }
        return out;
    }
}
