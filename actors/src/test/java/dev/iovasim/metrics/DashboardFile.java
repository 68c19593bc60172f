package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** node-config/grafana/dashboards/iovasim.json as the tests read it: panels, their queries, the variables. */
final class DashboardFile {
    static final Path PATH = Path.of("node-config/grafana/dashboards/iovasim.json");

    private DashboardFile() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        try {
            return (Map<String, Object>) Json.parse(Files.readString(ProjectFiles.root().resolve(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Top-level panels and those inside rows, rows themselves left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) load().get("panels")) {
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
    static List<Map<String, Object>> targetsOf(Map<String, Object> panel) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object t : (List<Object>) panel.getOrDefault("targets", List.of())) out.add((Map<String, Object>) t);
        assertFalse(out.isEmpty(), "panel '" + panel.get("title") + "' has no query");
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> variables() {
        Map<String, Object> templating = (Map<String, Object>) load().getOrDefault("templating", Map.of());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object v : (List<Object>) templating.getOrDefault("list", List.of())) out.add((Map<String, Object>) v);
        return out;
    }
}
