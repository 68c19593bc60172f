package dev.iovasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ratios, the table and the JSON of a result, on figures made by hand. */
class FigureOutputTest {
    private static final Source SRC = new Source("a subject", "an author", "2023", false);

    private static ScenarioResult result() {
        List<Figure> fs = List.of(
                new Figure("s", "throughput proxy", "old", 100, 1600.0, "ops/s", "IOPS", SRC.cite()),
                new Figure("s", "throughput proxy", "new", 150, 1980.0, "ops/s", "IOPS", SRC.cite()),
                Figure.simulatedOnly("s", "flushes", "old", 10, "flushes"),
                Figure.simulatedOnly("s", "flushes", "new", 0, "flushes"));
        Scenario s = new Scenario("s", "a title", List.of(SRC), List.of("old", "new"), null, 1, "8 CPUs for the report's 96",
                (scenario, size, out, whatIf, progress) -> {
                    throw new UnsupportedOperationException();
                });
        return new ScenarioResult(s, 1, fs, List.of(), List.of("a note"));
    }

    @Test
    void ratiosAreAgainstTheBeforeKernel() {
        Map<Figure, Ratios> q = Ratios.of(result().figures());
        List<Ratios> rs = new ArrayList<>(q.values());
        assertNull(rs.get(0).simulated());
        assertEquals(1.5, rs.get(1).simulated(), 1e-12);
        assertEquals(1980.0 / 1600, rs.get(1).published(), 1e-12);
        assertEquals(1.5 / (1980.0 / 1600), rs.get(1).ratioOfRatios(), 1e-12);
        assertTrue(rs.get(1).sameDirection());
        assertEquals(0.0, rs.get(3).simulated(), 0);
        assertNull(rs.get(3).published());
        assertFalse(rs.get(3).sameDirection());
    }

    @Test
    void theJsonHasOneObjectPerFigureWithTheDocumentedKeys() throws Exception {
        JsonNode a = new ObjectMapper().readTree(FigureJson.render(List.of(result())));
        assertEquals(4, a.size());
        List<String> keys = new ArrayList<>();
        a.get(1).fieldNames().forEachRemaining(keys::add);
        assertEquals(FigureJson.KEYS, keys);
        assertEquals("new", a.get(1).get("kernel").asText());
        assertEquals(1980.0, a.get(1).get("published").asDouble(), 0);
        assertTrue(a.get(1).get("source").asText().contains("not verified"));
        assertTrue(a.get(2).get("published").isNull());
    }

    @Test
    void theTableShowsPublishedBesideSimulatedAndTheSources() {
        String t = FigureTable.render(result());
        assertTrue(t.contains("1,980"), t);
        assertTrue(t.contains("x1.500"), t);
        assertTrue(t.contains("ratio of ratios x1.212 (same direction)"), t);
        assertTrue(t.contains("\"a subject\", an author, 2023 (as reported in issue 16, not verified)"), t);
        assertTrue(t.contains("- a note"), t);
        assertTrue(t.contains("\nscaled: 8 CPUs for the report's 96\n"), t);
    }

    @Test
    void anUnknownScenarioIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.byName("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains(SeedFlushStorm.NAME), e.getMessage());
    }
}
