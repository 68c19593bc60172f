package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provisioned Grafana dashboard asks only for series the nodes export, from the provisioned datasource. */
class DashboardTest {
    private static final Path DASHBOARD = Path.of("node-config/grafana/dashboards/iovasim.json");
    private static final Path DATASOURCE = Path.of("node-config/grafana/provisioning/datasources/prometheus.yml");
    private static Map<String, Object> dashboard;
    private static Set<String> exported;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        dashboard = (Map<String, Object>) Json.parse(Files.readString(ProjectFiles.root().resolve(DASHBOARD)));
        exported = new IovasimMetrics("test", false).exposedNames();
    }

    @Test
    void everyQueryNamesAnExportedMetric() {
        Set<String> unknown = new TreeSet<>();
        int queries = 0;
        for (Map<String, Object> target : targets()) {
            String expr = (String) target.get("expr");
            Set<String> names = PromQlNames.of(expr);
            assertFalse(names.isEmpty(), "query selects no metric: " + expr);
            for (String n : names) {
                if (!exported.contains(n)) unknown.add(n + "  in  " + expr);
            }
            queries++;
        }
        for (Map<String, Object> v : variables()) {
            String q = variableQuery(v);
            for (String n : PromQlNames.ofVariableQuery(q)) {
                if (!exported.contains(n)) unknown.add(n + "  in variable " + v.get("name"));
            }
        }
        assertTrue(queries >= 6, "too few queries: " + queries);
        assertEquals(Set.of(), unknown, "dashboard queries name metrics the nodes do not export");
    }

    @Test
    void hasThePanelsTheReadmePromises() {
        Set<String> titles = new TreeSet<>();
        for (Map<String, Object> p : panels()) titles.add((String) p.get("title"));
        for (String t : List.of("Flush rate", "Flush latency percentiles", "Fan-out messages per flush",
                "rcache hit rate", "Allocations by outcome")) {
            assertTrue(titles.contains(t), "missing panel '" + t + "' in " + titles);
        }
        String latency = exprsOf("Flush latency percentiles");
        assertTrue(latency.contains("histogram_quantile(") && latency.contains("iovasim_flush_latency_seconds_bucket"), latency);
        assertTrue(exprsOf("Flush rate").contains("by (node, policy)"), "flush rate is per node");
    }

    @Test
    void panelsUseTheProvisionedDatasource() throws IOException {
        String yml = Files.readString(ProjectFiles.root().resolve(DATASOURCE));
        String uid = yml.lines().map(String::trim).filter(l -> l.startsWith("uid:"))
                .map(l -> l.substring(4).trim()).findFirst().orElseThrow(() -> new AssertionError("no uid in " + DATASOURCE));
        for (Map<String, Object> p : panels()) {
            assertEquals(uid, datasourceUid(p), "panel '" + p.get("title") + "' datasource");
            for (Map<String, Object> t : targetsOf(p)) assertEquals(uid, datasourceUid(t), "target of '" + p.get("title") + "'");
        }
    }

    @Test
    void panelIdsAreUnique() {
        Set<Object> ids = new TreeSet<>();
        for (Map<String, Object> p : panels()) assertTrue(ids.add(((Number) p.get("id")).intValue()), "duplicate id " + p.get("id"));
    }

    private String exprsOf(String title) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> p : panels()) {
            if (title.equals(p.get("title"))) targetsOf(p).forEach(t -> b.append(t.get("expr")).append('\n'));
        }
        return b.toString();
    }

    /** Top-level panels and those inside collapsed rows. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> panels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) dashboard.get("panels")) {
            Map<String, Object> p = (Map<String, Object>) o;
            if ("row".equals(p.get("type"))) {
                for (Object q : (List<Object>) p.getOrDefault("panels", List.of())) out.add((Map<String, Object>) q);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targetsOf(Map<String, Object> panel) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object t : (List<Object>) panel.getOrDefault("targets", List.of())) out.add((Map<String, Object>) t);
        assertFalse(out.isEmpty(), "panel '" + panel.get("title") + "' has no query");
        return out;
    }

    private static List<Map<String, Object>> targets() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> p : panels()) out.addAll(targetsOf(p));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variables() {
        Map<String, Object> templating = (Map<String, Object>) dashboard.getOrDefault("templating", Map.of());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object v : (List<Object>) templating.getOrDefault("list", List.of())) out.add((Map<String, Object>) v);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String variableQuery(Map<String, Object> v) {
        Object q = v.get("query");
        return q instanceof Map ? (String) ((Map<String, Object>) q).get("query") : (String) q;
    }

    @SuppressWarnings("unchecked")
    private static String datasourceUid(Map<String, Object> o) {
        Object ds = o.get("datasource");
        return ds instanceof Map ? (String) ((Map<String, Object>) ds).get("uid") : null;
    }
}
