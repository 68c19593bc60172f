package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.sweep.ResultColumns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exporters iterate {@link Counter}: every counter with a Prometheus family is scraped with
 * its value, and every reported counter is a column of results.csv with the enum's unit and
 * meaning (the report and the table: CounterCatalogueTest in the allocator module).
 */
class CounterExportersTest {
    @Test
    void prometheusShowsEveryCounterThatHasAFamily() {
        AllocStats s = new AllocStats();
        for (Counter c : Counter.values()) s.set(c, 1000 + 10L * c.ordinal());
        s.set(Counter.FLUSHED_USEFUL, 3);
        IovasimMetrics m = new IovasimMetrics("n", false);
        m.publisher("p").publish(StatsSnapshot.of(s, StatsSnapshot.ABSENT, null));
        long[] v = s.counters();
        for (Counter c : Counter.values()) {
            if (c.family() == null) continue;
            List<String> keys = new ArrayList<>(List.of("node", "policy"));
            List<String> values = new ArrayList<>(List.of("n", "p"));
            if (c.labelValue() != null) {
                keys.add(c.family().label());
                values.add(c.labelValue());
            }
            Double scraped = m.registry().getSampleValue(IovasimMetrics.PREFIX + c.family().familyName(),
                    keys.toArray(String[]::new), values.toArray(String[]::new));
            assertNotNull(scraped, c + " is exported");
            assertEquals((double) c.exported(v), scraped, c.toString());
        }
        assertEquals(s.flushedUseless(), Counter.FLUSHED_PFNS.exported(v), "the useless kind is the flushed less the useful");
    }

    @Test
    void classesAboveTheKernelsAreExportedWithTheUncachedSizes() {
        AllocStats s = new AllocStats(8);
        s.classAllocs[5] = 1;
        s.classAllocs[6] = 2;
        s.classAllocs[8] = 4;
        long[] byLabel = StatsSnapshot.of(s, StatsSnapshot.ABSENT, null).classAllocs();
        assertEquals(StatsSnapshot.CLASS_BUCKETS, byLabel.length);
        assertEquals(1, byLabel[5]);
        assertEquals(6, byLabel[StatsSnapshot.CLASS_BUCKETS - 1], "classes 6 and up under 'uncached'");
    }

    @Test
    void resultsCsvHasAColumnForEveryReportedCounter() {
        for (Counter c : Counter.values()) {
            ResultColumns.Column col = ResultColumns.column(c.key());
            if (Counter.in(Counter.Group.UNREPORTED).contains(c)) continue;
            assertNotNull(col, c + " is a column of results.csv");
            assertEquals(ResultColumns.Type.INTEGER, col.type(), c.toString());
            assertEquals(c.unit(), col.unit(), c.toString());
            assertEquals(c.meaning(), col.meaning(), c.toString());
        }
        assertTrue(ResultColumns.standard().indexOf(Counter.ALLOCS.key()) < ResultColumns.standard().indexOf(Counter.FREES.key()),
                "the groups keep the report's order");
    }
}
