package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {
    @Test
    void findsTheSelectedMetricsOnly() {
        assertEquals(Set.of("iovasim_flush_latency_seconds_bucket"), PromQlNames.of(
                "histogram_quantile(0.99, sum by (le, node) (rate(iovasim_flush_latency_seconds_bucket{node=~\"$node\",kind!=\"x y\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total"), PromQlNames.of(
                "sum without (cpu) (rate(a_total[5m] offset 1h)) / on (node) group_left (policy) rate(b_total[1m:10s]) > bool 1e3"));
        assertEquals(Set.of("up"), PromQlNames.of("up"));
    }

    @Test
    void aMisspeltMetricIsStillReported() {
        assertEquals(Set.of("iovasim_flushes_totl"), PromQlNames.of("rate(iovasim_flushes_totl[1m]) * 2"));
    }

    @Test
    void readsGrafanaVariableQueries() {
        assertEquals(Set.of("iovasim_allocations_total"), PromQlNames.ofVariableQuery("label_values(iovasim_allocations_total, node)"));
        assertEquals(Set.of("up"), PromQlNames.ofVariableQuery("label_values(up{job=\"x\"}, instance)"));
        assertThrows(IllegalArgumentException.class, () -> PromQlNames.ofVariableQuery("query_result(up)"));
    }
}
