package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link Counter} enum is each counter's one definition: its metadata is complete, the
 * counter vector carries every counter, and the run report and the comparison table show every
 * counter the enum says they show (the Prometheus and CSV exporters: CounterExportersTest).
 */
class CounterCatalogueTest {
    @Test
    void everyCounterIsDescribedOnceWithUniqueNames() {
        Set<String> keys = new HashSet<>();
        Set<String> series = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Counter c : Counter.values()) {
            assertTrue(c.key().matches("[a-z0-9_]+"), c + " key " + c.key());
            assertTrue(keys.add(c.key()), "two counters report as " + c.key());
            assertFalse(c.unit().isBlank() || c.meaning().isBlank(), c + " has a unit and a meaning");
            assertEquals(1, Arrays.stream(Counter.Group.values()).filter(g -> Counter.in(g).contains(c)).count(), c + " is in one group");
            if (c.tableLabel() != null) assertTrue(labels.add(c.tableLabel().strip() + "/" + c), c + " table label");
            if (c.family() == null) {
                assertNull(c.labelValue(), c + ": a label value needs a family");
                continue;
            }
            assertEquals(Counter.Merge.SUM, c.merge(), c + ": a Prometheus counter cannot carry a maximum");
            assertEquals(c.family().label() == null, c.labelValue() == null, c + ": a family's label names its counters");
            assertTrue(series.add(c.family().familyName() + "{" + c.labelValue() + "}"), "two counters feed " + c.family());
        }
        for (Counter.Family f : Counter.Family.values()) {
            assertTrue(f.familyName().endsWith("_total") && !f.help().isBlank(), f.name());
            assertTrue(List.of(Counter.values()).stream().anyMatch(c -> c.family() == f), f + " is fed by a counter");
        }
    }

    @Test
    void theVectorCarriesEveryCounterTheWaitBucketsAndTheClasses() {
        AllocStats a = new AllocStats(8);
        for (Counter c : Counter.values()) a.set(c, 10 + c.ordinal());
        a.fqWaitLog2[63] = 5;
        a.classAllocs[8] = 7;
        a.classHits[7] = 3;
        AllocStats b = AllocStats.fromVector(a.toVector());
        assertArrayEquals(a.toVector(), b.toVector());
        b.addVector(a.toVector());
        for (Counter c : Counter.values()) {
            long expected = c.merge() == Counter.Merge.MAX ? 10 + c.ordinal() : 2 * (10 + c.ordinal());
            assertEquals(expected, b.get(c), c + " merges as " + c.merge());
        }
        assertEquals(10, b.fqWaitLog2[63]);
        assertEquals(14, b.classAllocs[8]);
        assertEquals(6, b.classHits[7]);
        assertThrows(IllegalArgumentException.class, () -> new AllocStats().addVector(a.toVector()),
                "vectors of domains with other class counts do not mix");
    }

    @Test
    void theReportShowsEveryReportedCounterUnderItsKey() {
        RunReport r = new ReferenceEngine().run(RunSpec.of(Policy.byName("linux-6.1+invalidation=lazy"),
                WorkloadCatalogue.byName("sac-pressure"), 4, 400, 1), ProgressListener.NONE);
        AllocStats back = StandardReport.stats(r);
        for (Counter c : Counter.values()) {
            if (Counter.in(Counter.Group.UNREPORTED).contains(c)) {
                assertFalse(r.has(c.key()), c + " is not in the report");
            } else {
                assertTrue(r.has(c.key()), c + " is in the report as " + c.key());
                assertEquals(r.longValue(c.key()), back.get(c), c + " read back");
            }
        }
        assertTrue(r.longValue(Counter.FQ_QUEUED.key()) > 0, "the lazy run queued unmaps");
    }

    @Test
    void theTableShowsEveryCounterThatHasATableLabel() {
        RunReport r = new ReferenceEngine().run(RunSpec.of(Policy.byName("linux-6.7+invalidation=lazy"),
                WorkloadCatalogue.byName("sac-pressure"), 4, 400, 1), ProgressListener.NONE);
        List<String> lines = ComparisonTable.render(List.of(r)).lines().toList();
        for (Counter c : Counter.values()) {
            if (c.tableLabel() != null) assertTrue(lines.stream().anyMatch(l -> l.startsWith(c.tableLabel() + " ")), c + " has its row");
        }
    }
}
