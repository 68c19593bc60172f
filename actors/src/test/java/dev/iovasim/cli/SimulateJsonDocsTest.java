package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iovasim.metrics.ProjectFiles;
import dev.iovasim.sweep.ResultColumns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/simulate-notes.md, "JSON": every key of a run object but the three the section's table
 * lists is a column of results.csv (sweep-csv.md), with that column's type; the three have the
 * shapes the table gives.
 */
class SimulateJsonDocsTest {
    private static final List<String> SIZE_CLASS_KEYS = List.of("class", "pages", "allocs", "hits", "hit_rate");
    private static final List<String> SAMPLE_KEYS = List.of("ops", "virtual_ms", "allocs", "hit_rate", "work_units_per_op",
            "flushes", "tree_nodes", "cached_pfns");

    @TempDir
    Path dir;

    @Test
    void runObjectsFollowTheDocumentedSchema() throws Exception {
        Path json = dir.resolve("runs.json");
        CliRun r = CliRun.of("simulate", "--cpus", "8", "--ops", "300", "--engine", "reference,actors", "--policy", "linux-6.7",
                "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
        assertEquals(2, runs.size(), "one object per policy and engine");
        List<String> notColumns = documentedNonColumns();
        assertEquals(List.of("size_classes", "depot_trim", "samples"), notColumns);
        for (JsonNode run : runs) {
            String engine = run.get("engine").asText();
            for (var it = run.fields(); it.hasNext(); ) {
                var e = it.next();
                if (notColumns.contains(e.getKey())) continue;
                ResultColumns.Column c = ResultColumns.column(e.getKey());
                assertNotNull(c, engine + ": key " + e.getKey() + " is neither a results.csv column nor in the doc's table");
                assertTrue(fits(c.type(), e.getValue()), engine + ": " + e.getKey() + " = " + e.getValue() + " is not " + c.type());
            }
            JsonNode classes = run.get("size_classes");
            assertEquals(7, classes.size());
            for (JsonNode k : classes) assertEquals(SIZE_CLASS_KEYS, keys(k), engine);
            assertEquals("uncached", classes.get(6).get("class").asText());
            assertEquals(engine.equals("reference") ? "on the simulated clock" : "on the virtual clock (the depot's, moved by the CPUs' requests)",
                    run.get("depot_trim").asText(), "linux-6.7 trims");
        }
        JsonNode samples = runs.get(0).get("samples");
        assertEquals("reference", runs.get(0).get("engine").asText());
        assertFalse(samples.isEmpty());
        for (JsonNode s : samples) assertEquals(SAMPLE_KEYS, keys(s));
        assertTrue(!runs.get(1).has("samples"), "the actor engine has no samples");
    }

    private static boolean fits(ResultColumns.Type t, JsonNode v) {
        if (v.isNull()) return t == ResultColumns.Type.DECIMAL;
        return switch (t) {
            case TEXT -> v.isTextual();
            case INTEGER -> v.isIntegralNumber();
            case DECIMAL -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
        };
    }

    private static List<String> keys(JsonNode o) {
        List<String> k = new ArrayList<>();
        o.fieldNames().forEachRemaining(k::add);
        return k;
    }

    /** The keys in the first column of the JSON section's table. */
    private static List<String> documentedNonColumns() throws Exception {
        String notes = Files.readString(ProjectFiles.root().resolve("docs/simulate-notes.md"));
        String section = notes.substring(notes.indexOf("## JSON"), notes.indexOf("\n## ", notes.indexOf("## JSON") + 1));
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(section);
        while (m.find()) keys.add(m.group(1));
        return keys;
    }
}
