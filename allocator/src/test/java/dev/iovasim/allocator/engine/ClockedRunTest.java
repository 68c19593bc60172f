package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference engine on the simulated clock: lazy invalidation, IRQ CPUs, the time series. */
class ClockedRunTest {
    private static final Policy LAZY = Policy.byName("linux-6.7+invalidation=lazy");

    private static RunSpec storage(int cpus, long ops) {
        return RunSpec.of(LAZY, WorkloadCatalogue.byName("storage:gap-ns=20000"), cpus, ops, 5);
    }

    /** Maps run on the submitting CPUs, unmaps on the IRQ CPUs: only the IRQ CPUs' magazines fill. */
    @Test
    void unmapsRunOnTheIrqCpus() {
        RecordingSink rows = new RecordingSink();
        RunSpec s = storage(16, 2000).withIrqCpus(IrqCpus.parse("0-3", 16))
                .withSeries(new SeriesSpec(5_000_000L, rows));
        ReferenceRun run = new ReferenceRun(s);
        RunReport r = run.run(ProgressListener.NONE);
        assertTrue(r.flag("conservation_ok"), r::toString);
        assertEquals("0-3", r.text("irq_cpus"));
        assertTrue(r.longValue("fq_flushes") > 0);
        // a CPU that never frees never fills a magazine, so its prev stays empty (it may still take
        // full magazines from the depot into loaded); the IRQ CPUs fill theirs
        long onIrq = 0;
        for (int c = 0; c < 16; c++) {
            for (int cls = 0; cls < SizeClass.CACHED_CLASSES; cls++) {
                int prev = run.allocator().caches(c).prev(cls).length;
                if (c >= 4) assertEquals(0, prev, "CPU " + c + " never frees");
                else onIrq += prev;
            }
        }
        assertTrue(onIrq > 0);
        assertTrue(rows.rows.size() >= 8);
    }

    @Test
    void lazyRunsAreReproducibleFromTheSeed() {
        RunSpec s = storage(8, 3000).withIrqCpus(IrqCpus.parse("0,2", 8));
        String a = ReferenceEngineTest.withoutWallClock(new ReferenceEngine().run(s, ProgressListener.NONE));
        String b = ReferenceEngineTest.withoutWallClock(new ReferenceEngine().run(s, ProgressListener.NONE));
        assertEquals(a, b);
    }

    /** One row per interval of simulated time, in Column order; interval counters add up to the run's. */
    @Test
    void timeSeriesHasARowPerIntervalAndItsCountersAddUp() {
        RecordingSink rows = new RecordingSink();
        RunReport r = new ReferenceEngine().run(storage(8, 3000).withSeries(new SeriesSpec(10_000_000L, rows)),
                ProgressListener.NONE);
        // 3000 ops x 20 us per CPU = 60 ms of simulated time: 6 rows
        assertEquals(6, rows.rows.size());
        assertEquals(6, r.longValue("timeseries_rows"));
        long fq = 0;
        long tree = 0;
        long ops = 0;
        long freeNodesMax = 0;
        for (Object[] row : rows.rows) {
            assertEquals(Column.values().length, row.length);
            assertEquals(LAZY.name(), row[Column.POLICY.ordinal()]);
            fq += (Long) row[Column.FQ_FLUSHES.ordinal()];
            tree += (Long) row[Column.ALLOCS_TREE.ordinal()];
            ops += (Long) row[Column.OPS.ordinal()];
            assertTrue((Long) row[Column.ALLOC_NODES_P99.ordinal()] <= (Long) row[Column.ALLOC_NODES_MAX.ordinal()]);
            assertTrue((Long) row[Column.FREE_NODES_P99.ordinal()] <= (Long) row[Column.FREE_NODES_MAX.ordinal()]);
            freeNodesMax = Math.max(freeNodesMax, (Long) row[Column.FREE_NODES_MAX.ordinal()]);
        }
        // the IRQ CPUs' depots overflow, so some frees reach the tree: private_find_iova's descents
        assertTrue(freeNodesMax > 1, "free_nodes_max " + freeNodesMax);
        assertEquals(0.06, (Double) rows.rows.get(5)[Column.TIME.ordinal()], 1e-9);
        assertEquals(r.longValue("fq_flushes"), fq);
        assertEquals(r.longValue("tree_allocs"), tree);
        assertEquals(r.longValue("ops"), ops, "setup operations count in the first interval");
    }

    @Test
    void irqCpuListsAreCheckedWithTheItemNamed() {
        IrqCpus l = IrqCpus.parse("0-2,8", 16);
        for (int c = 0; c < 3; c++) assertEquals(c, l.completionCpu(c));
        assertEquals(8, l.completionCpu(3));
        assertEquals(0, l.completionCpu(4));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IrqCpus.parse("0-16", 16)).getMessage().contains("'0-16'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IrqCpus.parse("3-1", 16)).getMessage().contains("backwards"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IrqCpus.parse("1,0-2", 16)).getMessage().contains("CPU 1 is listed twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IrqCpus.parse("x", 16)).getMessage().contains("not a CPU number"));
    }

    static final class RecordingSink implements dev.iovasim.allocator.series.RowSink {
        final List<Object[]> rows = new ArrayList<>();

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }
    }
}
