package dev.iovasim.compose;

import dev.iovasim.metrics.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few questions the compose tests ask Prometheus's HTTP API (/api/v1/query). */
final class PrometheusApi {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PrometheusApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * An instant query's samples, keyed by the value of {@code label} (empty map when Prometheus
     * is not answering yet or the query has no result).
     */
    Map<String, Double> byLabel(String promql, String label) throws InterruptedException {
        Map<String, Double> out = new TreeMap<>();
        for (Object s : samples(promql)) {
            @SuppressWarnings("unchecked") Map<String, Object> sample = (Map<String, Object>) s;
            @SuppressWarnings("unchecked") Map<String, Object> metric = (Map<String, Object>) sample.get("metric");
            List<?> value = (List<?>) sample.get("value");
            out.put(String.valueOf(metric.getOrDefault(label, "")), Double.parseDouble((String) value.get(1)));
        }
        return out;
    }

    /** The single value of a query that yields one sample, or -1 when it yields none. */
    double scalar(String promql) throws InterruptedException {
        List<?> s = samples(promql);
        if (s.isEmpty()) return -1;
        @SuppressWarnings("unchecked") Map<String, Object> sample = (Map<String, Object>) s.get(0);
        return Double.parseDouble((String) ((List<?>) sample.get("value")).get(1));
    }

    private List<?> samples(String promql) throws InterruptedException {
        URI u = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return List.of();
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) Json.parse(r.body());
            @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) body.get("data");
            return (List<?>) data.get("result");
        } catch (IOException e) {
            return List.of(); // not up yet, or restarting: the caller polls
        }
    }

    /** Prometheus's own counter of DNS service-discovery lookups (read from its /metrics). */
    double dnsLookups() throws InterruptedException {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> l.startsWith("prometheus_sd_dns_lookups_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
