package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    private static RunReport run(Policy p) {
        return new ReferenceEngine().run(RunSpec.of(p, Workloads.byName("sac-pressure"), 16, 300, 1), ProgressListener.NONE);
    }

    @Test
    void everyPresetFitsOneTableOf120Columns() {
        List<RunReport> runs = new ArrayList<>();
        for (Policy p : Policy.presets()) runs.add(run(p));
        String text = ComparisonTable.render(runs);
        assertTrue(text.lines().allMatch(l -> l.length() <= ComparisonTable.MAX_WIDTH), text);
        String header = text.lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("engine: reference"), header);
        for (Policy p : Policy.presets()) assertTrue(header.contains(p.name()), header);
        // every figure is there: the operations row holds one count per run
        String ops = text.lines().filter(l -> l.startsWith("operations")).findFirst().orElseThrow();
        assertEquals(Policy.presets().size(), ops.substring("operations".length()).trim().split("\\s+").length, ops);
    }

    @Test
    void tooManyColumnsAreCutIntoSeveralTablesAndNoRunIsLost() {
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (Policy p : Policy.presets()) runs.add(run(p));
        }
        String text = ComparisonTable.render(runs);
        assertTrue(text.lines().allMatch(l -> l.length() <= ComparisonTable.MAX_WIDTH), text);
        long tables = text.lines().filter(l -> l.startsWith("engine: reference")).count();
        assertTrue(tables >= 2, text);
        long columns = text.lines().filter(l -> l.startsWith("engine: ")).mapToLong(l -> l.split("\\s+").length - 2).sum();
        assertEquals(runs.size(), columns, text);
    }
}
