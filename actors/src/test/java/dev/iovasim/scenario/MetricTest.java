package dev.iovasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.iovasim.allocator.engine.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link Metric}'s figure per run: the published value stands beside its own run only. */
class MetricTest {
    private static final Source SRC = new Source("a subject", "an author", "2020", true);

    private static KernelRuns.Run run(String kernel, long flushes, long allocs) {
        return new KernelRuns.Run(kernel, new RunReport().put("flushes", flushes).put("allocs", allocs), List.of());
    }

    @Test
    void publishedValuesStandBesideTheirRunsAndAWhatIfRunHasNone() {
        Metric m = Metric.perThousandMaps("rcache flushes", "flushes", "flushes").published("flushes (log)", SRC, 7, 3);
        Figure before = m.of("s", run("k0", 5, 2000), 0);
        Figure after = m.of("s", run("k1", 1, 4000), 1);
        Figure whatIf = m.of("s", run("k2", 3, 1000), 2);
        assertEquals(new Figure("s", "rcache flushes per 1000 maps", "k0", 2.5, 7.0, "flushes", "flushes (log)", SRC.cite()), before);
        assertEquals(new Figure("s", "rcache flushes per 1000 maps", "k1", 0.25, 3.0, "flushes", "flushes (log)", SRC.cite()), after);
        assertEquals(Figure.simulatedOnly("s", "rcache flushes per 1000 maps", "k2", 3.0, "flushes"), whatIf);
    }

    @Test
    void aSimulatedMetricHasNoPublishedValueUnitOrSource() {
        Figure f = Metric.simulated("x", "u", r -> r.longValue("flushes")).of("s", run("k", 4, 1), 0);
        assertEquals(4.0, f.simulated());
        assertNull(f.published());
        assertNull(f.publishedUnit());
        assertNull(f.source());
    }
}
