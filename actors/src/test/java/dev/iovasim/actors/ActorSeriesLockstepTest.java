package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --engine actors --timeseries}: a reference run's trace (clock lines, frees on IRQ
 * CPUs) replayed in lock-step on both engines gives the same rows, value for value, so the same
 * CSV. The actor engine's rows are gathered by messages between the trace's lines (tree owner,
 * depot, CPUs, counters); its visit counts are the tree owner's, per operation that reached the
 * tree, a map's SAC attempt and full attempt added up. {@code expect} names the columns that must
 * be non-zero somewhere, so each case exercises what it is there for.
 */
class ActorSeriesLockstepTest {
    @TempDir
    Path dir;

    /** {@code us}: simulated microseconds per row. */
    @ParameterizedTest(name = "{0} {1} cpus={2} irq={4}")
    @CsvSource({
        "storage:gap-ns=20000, linux-4.14+invalidation=lazy, 8, 800, 0-1, 1000, fq_timer_flushes alloc_nodes_max",
        "storage:gap-ns=2000, linux-6.1+invalidation=lazy, 4, 6000, 0, 500, fq_flushes fq_queued alloc_nodes_p99",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7+invalidation=lazy, 4, 6000, -, 20000, depot_trims depot_magazines",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7, 4, 6000, -, 20000, depot_trims depot_pfns_c0",
        "sac-pressure, linux-4.14+invalidation=lazy, 8, 300, 0-3, 10, rcache_flushes sac_failures",
        "sac-pressure, linux-6.1+invalidation=lazy, 8, 300, 0-3, 10, sac_failures max32_fast_fails",
        "mixed, linux-6.7+invalidation=lazy, 8, 600, 0;4, 20, magazine_pfns_c0 allocs_depot",
        "burst:burst=8000;jitter=0, linux-4.14+invalidation=lazy, 1, 40000, -, 5000, depot_overflow_magazines",
        // lazy-single: the one queue's length is asked of the clock actor that owns it
        "storage:gap-ns=2000000, linux-6.7+invalidation=lazy-single, 8, 800, 0-1, 200000, fq_queued fq_longest_queue fq_timer_flushes",
    })
    void actorRowsEqualTheReferenceRows(String workload, String policy, int cpus, long ops, String irq, long us, String expect)
            throws Exception {
        Policy p = Policy.byName(policy);
        byte[] trace = EngineComparison.referenceTrace(dir, workload, p, cpus, ops, irq);
        String label = workload + " " + policy;

        List<Object[]> ref = rows(trace, p, false, us);
        List<Object[]> act = rows(trace, p, true, us);
        assertTrue(ref.size() > 2, label + ": rows " + ref.size());
        assertEquals(ref.size(), act.size(), label + ": rows");
        for (int i = 0; i < ref.size(); i++) {
            assertEquals(Arrays.asList(ref.get(i)), Arrays.asList(act.get(i)), label + ": row " + i);
        }
        for (String name : expect.split(" ")) {
            int col = Arrays.asList(Column.header()).indexOf(name);
            assertTrue(ref.stream().anyMatch(r -> ((Number) r[col]).doubleValue() > 0), label + ": " + name + " never above 0");
        }
    }

    /** The rows of the trace's replay on one engine. */
    private static List<Object[]> rows(byte[] trace, Policy p, boolean actors, long us) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        SeriesSpec spec = new SeriesSpec(us * 1000, row -> rows.add(row.clone()));
        new Replay(cfg -> actors ? ActorTarget.create(p, cfg, true, EngineSettings.defaults()).withSeries(p.name(), spec)
                : AllocatorTarget.create(p, cfg, true).withSeries(p.name(), spec), w -> { }, 0)
                .run(new ByteArrayInputStream(trace), new ByteArrayOutputStream());
        return rows;
    }
}
