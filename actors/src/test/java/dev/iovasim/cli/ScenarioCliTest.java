package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iovasim.scenario.Catalogue;
import dev.iovasim.scenario.FigureJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenario list} and {@code scenario run}: the catalogue, the table, the JSON, the files, the errors. */
class ScenarioCliTest {
    @TempDir
    Path dir;

    @Test
    void listNamesEveryScenarioOfTheCatalogue() {
        CliRun r = CliRun.of("scenario", "list");
        assertEquals(0, r.status(), r.err());
        for (String name : Catalogue.names()) assertTrue(r.out().contains(name + " "), r.out());
        assertTrue(r.out().contains("linux-4.14 vs linux-4.15"), r.out());
    }

    @Test
    void runPrintsTheTableAndWritesTheSeriesAndThePlot() {
        Path out = dir.resolve("seed");
        CliRun r = CliRun.of("scenario", "run", "seed-2017-flush-storm", "--size", "200", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("published"), r.out());
        assertTrue(r.out().contains("ratio to the before kernel"), r.out());
        assertTrue(r.out().contains("Tomasz Nowicki"), r.out());
        for (String f : List.of("timeseries-linux-4.14.csv", "timeseries-linux-4.15.csv", "rcache-flushes.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out);
        }
    }

    @Test
    void jsonIsOneObjectPerKernelAndFigureWithTheDocumentedKeys() throws Exception {
        CliRun r = CliRun.of("scenario", "run", "nic-mtu-sac-2023", "--size", "200", "--json", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertTrue(a.isArray() && a.size() >= 4, r.out());
        for (JsonNode o : a) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            assertEquals(FigureJson.KEYS, keys);
            assertEquals("nic-mtu-sac-2023", o.get("scenario").asText());
            assertTrue(o.get("simulated").isNumber());
        }
        assertEquals(0.90, a.get(0).get("published").asDouble(), 0);
        assertTrue(a.get(0).get("source").asText().contains("Jakub Kicinski"));
    }

    /** HelpMatchesCodeTest covers options' name lists; NAME is a positional, so its list is checked here. */
    @Test
    void runHelpListsTheCatalogueNames() {
        CliRun r = CliRun.of("scenario", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains(String.join(", ", Catalogue.names())), r.out());
    }

    @Test
    void anUnknownScenarioIsAUsageErrorNamingIt() {
        CliRun r = CliRun.of("scenario", "run", "no-such-incident");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("'no-such-incident'") && r.err().contains("seed-2017-flush-storm"), r.err());
    }

    @Test
    void aBadSizeOrOutIsAUsageError() throws Exception {
        CliRun r = CliRun.of("scenario", "run", "seed-2017-flush-storm", "--size", "0");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("--size"), r.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        r = CliRun.of("scenario", "run", "seed-2017-flush-storm", "--out", file.toString());
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("--out"), r.err());
        assertEquals(ExitCodes.USAGE, CliRun.of("scenario").status());
        assertEquals(ExitCodes.USAGE, CliRun.of("scenario", "walk").status());
        assertEquals(ExitCodes.USAGE, CliRun.of("scenario", "run").status());
    }

    @Test
    void whatIfListsTheSwitchesAndSetAddsAKernel() {
        CliRun r = CliRun.of("scenario", "run", "irq-cpu-asymmetry-2023", "--what-if");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("--set depot-limit=unbounded") && r.out().contains("depot=array|list"), r.out());
        r = CliRun.of("scenario", "run", "seed-2017-flush-storm", "--size", "100", "--out", dir.toString(), "--json",
                "--set", "caller-flush=on");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"linux-4.14+caller-flush=on\""), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("timeseries-linux-4.14_caller-flush_on.csv")));
        r = CliRun.of("scenario", "run", "seed-2017-flush-storm", "--set", "nosuch=1");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("nosuch"), r.err());
    }
}
