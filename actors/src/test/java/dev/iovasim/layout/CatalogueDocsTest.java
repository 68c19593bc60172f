package dev.iovasim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.Presets;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.allocator.workload.WorkloadParam;
import dev.iovasim.metrics.ProjectFiles;
import dev.iovasim.sweep.EngineRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The docs' tables of presets, workloads, engines and fan-out shapes are the catalogues the code
 * reads ({@link Presets}, {@link WorkloadCatalogue}, {@link EngineRegistry}, {@link FanOutCatalogue}):
 * same names, same order, and
 * for a workload every parameter with its default. A new entry fails here until its row is written.
 */
class CatalogueDocsTest {
    /** The table whose header row starts with {@code header}: first cell (backticks dropped) to the whole row's cells. */
    static Map<String, List<String>> table(String doc, String header) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        int at = doc.indexOf(header);
        if (at < 0) throw new AssertionError("no table headed '" + header + "'");
        for (String line : doc.substring(at).lines().skip(2).toList()) {
            if (!line.startsWith("|")) break;
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.lastIndexOf('|')).split(" \\| ", -1)) cells.add(c.strip());
            rows.put(cells.get(0).replaceAll("`([^`]*)`.*", "$1"), cells);
        }
        return rows;
    }

    private static String doc(String name) throws IOException {
        return Files.readString(ProjectFiles.root().resolve("docs").resolve(name));
    }

    @Test
    void kernelVersionsListsEveryPresetInOrder() throws IOException {
        assertEquals(Presets.names(), List.copyOf(table(doc("kernel-versions.md"), "| preset | kernels it models |").keySet()));
    }

    @Test
    void simulateNotesListEveryWorkloadWithItsParametersAndDefaults() throws IOException {
        Map<String, List<String>> rows = table(doc("simulate-notes.md"), "| workload | what it models |");
        List<String> want = new ArrayList<>(WorkloadCatalogue.all().stream().map(WorkloadCatalogue.Entry::name).toList());
        want.add("trace:FILE");
        assertEquals(want, List.copyOf(rows.keySet()));
        List<String> missing = new ArrayList<>();
        for (WorkloadCatalogue.Entry e : WorkloadCatalogue.all()) {
            String params = rows.get(e.name()).get(2);
            for (WorkloadParam p : e.params()) {
                String stated = "`" + p.key() + "` (" + p.defaultValue().replaceAll("\\.0$", "") + ")";
                if (!params.contains(stated)) missing.add(e.name() + ": " + stated);
            }
        }
        assertEquals(List.of(), missing, "docs/simulate-notes.md's workload table lacks these parameters or defaults");
    }

    @Test
    void architectureListsEveryEngineWithItsSummary() throws IOException {
        Map<String, String> want = new LinkedHashMap<>();
        for (EngineRegistry.Entry e : EngineRegistry.all()) want.put(e.name(), e.summary());
        Map<String, String> got = new LinkedHashMap<>();
        table(doc("architecture.md"), "| engine | what it is |").forEach((name, cells) -> got.put(name, cells.get(1)));
        assertEquals(want, got);
    }

    @Test
    void clusterNotesListEveryFanOutShapeWithItsSummary() throws IOException {
        Map<String, String> want = new LinkedHashMap<>();
        for (FanOutShape f : FanOutCatalogue.all()) want.put(f.name(), f.summary());
        Map<String, String> got = new LinkedHashMap<>();
        table(doc("cluster-notes.md"), "| fan-out | what it is |").forEach((name, cells) -> got.put(name, cells.get(1)));
        assertEquals(want, got);
    }
}
