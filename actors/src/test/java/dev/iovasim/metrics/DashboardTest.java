package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard asks only for series the nodes export, from the provisioned
 * datasource; every panel has one unit and honours $node and $policy; every metric family a
 * node exports has a panel; no ratio can divide by zero. (PrometheusEndToEndTest evaluates the
 * queries against a real Prometheus.)
 */
class DashboardTest {
    private static final Path DATASOURCE = Path.of("node-config/grafana/provisioning/datasources/prometheus.yml");
    /** A series selector of this project's metrics, with its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("(iovasim_[a-z_]+)(\\{[^}]*})?");
    private static List<Map<String, Object>> panels;
    private static Set<String> exported;

    @BeforeAll
    static void load() {
        panels = DashboardFile.panels();
        exported = RegistryNames.exposed(new IovasimMetrics("test", false));
    }

    @Test
    void everyQueryNamesAnExportedMetric() {
        Set<String> unknown = new TreeSet<>();
        int queries = 0;
        for (Map<String, Object> p : panels) {
            for (Map<String, Object> target : DashboardFile.targetsOf(p)) {
                String expr = (String) target.get("expr");
                Set<String> names = PromQlNames.of(expr);
                assertFalse(names.isEmpty(), "query selects no metric: " + expr);
                for (String n : names) {
                    if (!exported.contains(n)) unknown.add(n + "  in  " + expr);
                }
                queries++;
            }
        }
        for (Map<String, Object> v : DashboardFile.variables()) {
            for (String n : PromQlNames.ofVariableQuery(variableQuery(v))) {
                if (!exported.contains(n)) unknown.add(n + "  in variable " + v.get("name"));
            }
        }
        assertTrue(queries >= 6, "too few queries: " + queries);
        assertEquals(Set.of(), unknown, "dashboard queries name metrics the nodes do not export");
    }

    @Test
    void everyPanelHonoursNodeAndPolicy() {
        for (Map<String, Object> p : panels) {
            for (Map<String, Object> t : DashboardFile.targetsOf(p)) {
                String expr = (String) t.get("expr");
                Matcher m = SELECTOR.matcher(expr);
                int selectors = 0;
                while (m.find()) {
                    String labels = m.group(2) == null ? "" : m.group(2);
                    assertTrue(labels.contains("node=~\"$node\"") && labels.contains("policy=~\"$policy\""),
                            "panel '" + p.get("title") + "': " + m.group() + " ignores $node or $policy");
                    selectors++;
                }
                assertTrue(selectors > 0, "panel '" + p.get("title") + "' is tied to no node: " + expr);
            }
        }
    }

    @Test
    void everyExportedFamilyHasAPanel() {
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> p : panels) DashboardFile.targetsOf(p).forEach(t -> all.append(t.get("expr")).append('\n'));
        Set<String> missing = new TreeSet<>();
        for (String family : RegistryNames.families(new IovasimMetrics("test", false))) {
            if (!Pattern.compile(Pattern.quote(family) + "(_total|_bucket|_count|_sum)?\\b").matcher(all).find()) missing.add(family);
        }
        assertEquals(Set.of(), missing, "exported metric families without a panel");
    }

    @Test
    void onePanelOneUnitAndRatiosGuardedAgainstZero() {
        for (Map<String, Object> p : panels) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fc = (Map<String, Object>) p.get("fieldConfig");
            @SuppressWarnings("unchecked")
            String unit = (String) ((Map<String, Object>) fc.get("defaults")).get("unit");
            assertTrue(unit != null && !unit.isEmpty(), "panel '" + p.get("title") + "' has no unit");
            assertFalse(String.valueOf(fc.get("overrides")).contains("unit"),
                    "panel '" + p.get("title") + "' overrides its unit for some series");
            for (Map<String, Object> t : DashboardFile.targetsOf(p)) {
                String expr = (String) t.get("expr");
                // every division is by (… > 0): nothing to divide gives no point, never NaN
                int at = expr.indexOf(" / ");
                while (at >= 0) {
                    assertTrue(expr.startsWith(" / (", at) && expr.indexOf(" > 0)", at) > 0, "unguarded ratio in '"
                            + p.get("title") + "': " + expr);
                    at = expr.indexOf(" / ", at + 3);
                }
                if (expr.contains("histogram_quantile(")) {
                    assertTrue(expr.contains("_count{") && expr.contains(" > 0"), "a quantile of an empty window is NaN: " + expr);
                }
            }
        }
    }

    @Test
    void hasThePanelsTheReadmePromises() {
        Set<String> titles = new TreeSet<>();
        for (Map<String, Object> p : panels) titles.add((String) p.get("title"));
        for (String t : List.of("Flush rate", "Flush latency percentiles", "Fan-out messages per flush",
                "rcache hit rate", "Allocations by outcome")) {
            assertTrue(titles.contains(t), "missing panel '" + t + "' in " + titles);
        }
        assertTrue(titles.containsAll(DashboardPreview.MAIN), "the preview draws panels the dashboard lacks");
        String latency = exprsOf("Flush latency percentiles");
        assertTrue(latency.contains("histogram_quantile(") && latency.contains("iovasim_flush_latency_seconds_bucket"), latency);
        assertTrue(exprsOf("Flush rate").contains("by (node, policy)"), "flush rate is per node");
    }

    @Test
    void panelsUseTheProvisionedDatasource() throws IOException {
        String yml = Files.readString(ProjectFiles.root().resolve(DATASOURCE));
        String uid = yml.lines().map(String::trim).filter(l -> l.startsWith("uid:"))
                .map(l -> l.substring(4).trim()).findFirst().orElseThrow(() -> new AssertionError("no uid in " + DATASOURCE));
        for (Map<String, Object> p : panels) {
            assertEquals(uid, datasourceUid(p), "panel '" + p.get("title") + "' datasource");
            for (Map<String, Object> t : DashboardFile.targetsOf(p)) assertEquals(uid, datasourceUid(t), "target of '" + p.get("title") + "'");
        }
    }

    @Test
    void panelIdsAreUnique() {
        Set<Object> ids = new TreeSet<>();
        for (Map<String, Object> p : panels) assertTrue(ids.add(((Number) p.get("id")).intValue()), "duplicate id " + p.get("id"));
    }

    private String exprsOf(String title) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> p : panels) {
            if (title.equals(p.get("title"))) DashboardFile.targetsOf(p).forEach(t -> b.append(t.get("expr")).append('\n'));
        }
        return b.toString();
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
