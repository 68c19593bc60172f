package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.Presets;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    private static RunReport run(Policy p) {
        return new ReferenceEngine().run(RunSpec.of(p, WorkloadCatalogue.byName("sac-pressure"), 16, 300, 1), ProgressListener.NONE);
    }

    @Test
    void simulatesDefaultThreePoliciesFitOneTableOf120Columns() {
        List<RunReport> runs = new ArrayList<>();
        for (String name : List.of("linux-4.14", "linux-4.15", "linux-6.1")) runs.add(run(Policy.byName(name)));
        String text = ComparisonTable.render(runs);
        assertTrue(text.lines().allMatch(l -> l.length() <= ComparisonTable.MAX_WIDTH), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("engine: ")).count(), text);
        String header = text.lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("engine: reference"), header);
        for (RunReport r : runs) assertTrue(header.contains(r.text("policy")), header);
        // every figure is there: the operations row holds one count per run
        String ops = text.lines().filter(l -> l.startsWith("operations")).findFirst().orElseThrow();
        assertEquals(runs.size(), ops.substring("operations".length()).trim().split("\\s+").length, ops);
    }

    @Test
    void everyPresetIsShownWithin120Columns() {
        List<RunReport> runs = new ArrayList<>();
        for (Policy p : Presets.all().stream().map(Presets.Preset::policy).toList()) runs.add(run(p));
        String text = ComparisonTable.render(runs);
        assertTrue(text.lines().allMatch(l -> l.length() <= ComparisonTable.MAX_WIDTH), text);
        String headers = String.join("\n", text.lines().filter(l -> l.startsWith("engine: ")).toList());
        for (Policy p : Presets.all().stream().map(Presets.Preset::policy).toList()) assertTrue(headers.contains(p.name()), headers);
    }

    @Test
    void tooManyColumnsAreCutIntoSeveralTablesAndNoRunIsLost() {
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (Policy p : Presets.all().stream().map(Presets.Preset::policy).toList()) runs.add(run(p));
        }
        String text = ComparisonTable.render(runs);
        assertTrue(text.lines().allMatch(l -> l.length() <= ComparisonTable.MAX_WIDTH), text);
        long tables = text.lines().filter(l -> l.startsWith("engine: reference")).count();
        assertTrue(tables >= 2, text);
        long columns = text.lines().filter(l -> l.startsWith("engine: ")).mapToLong(l -> l.split("\\s+").length - 2).sum();
        assertEquals(runs.size(), columns, text);
    }
}
