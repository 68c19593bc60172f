package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.iovasim.actors.SeriesChecks.sum;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.allocator.workload.CpuWorkload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Free-running {@code simulate --engine actors --timeseries}: every CPU stops at each row's boundary
 * until all have reached it ({@link IntervalBarriers}). The rows lie at every boundary up to the
 * run's end, the last one possibly short; their interval columns add up to the run's report; their
 * state columns agree with the report's end state; conservation holds. On one CPU nothing runs
 * concurrently, so the rows are the reference engine's, value for value.
 */
class FreeRunSeriesTest {

    /** {@code us}: simulated microseconds per row; {@code expect}: columns that must move somewhere. */
    @ParameterizedTest(name = "{0} {1} cpus={2} irq={4}")
    @CsvSource({
        "storage:gap-ns=20000, linux-6.1, 8, 2000, -, 5000, allocs_magazine sac_attempts",
        "storage:gap-ns=20000, linux-4.14+invalidation=lazy, 8, 2000, 0-1, 5000, fq_timer_flushes fq_queued",
        "storage:gap-ns=5000, linux-6.1+invalidation=lazy, 6, 3000, 0, 1000, fq_flushes fq_freed",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7, 4, 6000, -, 20000, depot_trims depot_magazines",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7+invalidation=lazy, 4, 6000, 0, 20000, depot_trims fq_freed",
        "sac-pressure, linux-4.14, 8, 300, -, 10, rcache_flushes allocs_tree",
        "storage:gap-ns=20000, linux-6.1, 3, 1000, 0;2, 1000, allocs_tree sac_attempts",
    })
    void rowsAddUpToTheRun(String workload, String policy, int cpus, long ops, String irq, long us, String expect) {
        Policy p = Policy.byName(policy);
        Workload w = WorkloadCatalogue.byName(workload.replace(';', ','));
        List<Object[]> rows = new ArrayList<>();
        RunSpec spec = RunSpec.of(p, w, cpus, ops, 5).withSeries(new SeriesSpec(us * 1000, row -> rows.add(row.clone())));
        if (!irq.equals("-")) spec = spec.withIrqCpus(IrqCpus.parse(irq.replace(';', ','), cpus));
        RunReport r = new ActorsEngine().run(spec, ProgressListener.NONE);
        SeriesChecks.rowsAddUpToTheRun(workload + " " + policy, p, r, rows, us * 1000, expect);
    }

    /**
     * One CPU: the actor engine's rows are the reference engine's, value for value (so the same CSV),
     * 6.7's trims included. Not under lazy invalidation: free-running, the flush-queue timer fires at
     * the first queue_iova past its due time (or at a boundary), the reference engine's before any operation.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "storage:gap-ns=20000, linux-6.1, 4000, 5000",
        "sac-pressure, linux-4.14, 3000, 50",
        "burst:burst=8000;jitter=0, linux-4.14, 40000, 5000",
        "mixed, linux-6.1, 4000, 20",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7, 6000, 20000",
    })
    void oneCpuGivesTheReferenceRows(String workload, String policy, long ops, long us) {
        Policy p = Policy.byName(policy);
        Workload w = WorkloadCatalogue.byName(workload.replace(';', ','));
        List<Object[]> ref = new ArrayList<>();
        List<Object[]> act = new ArrayList<>();
        new ReferenceEngine().run(RunSpec.of(p, w, 1, ops, 3).withSeries(new SeriesSpec(us * 1000, row -> ref.add(row.clone()))),
                ProgressListener.NONE);
        RunReport r = new ActorsEngine().run(RunSpec.of(p, w, 1, ops, 3)
                .withSeries(new SeriesSpec(us * 1000, row -> act.add(row.clone()))), ProgressListener.NONE);
        assertTrue(r.flag("conservation_ok"));
        assertTrue(ref.size() > 2, "rows " + ref.size());
        assertEquals(ref.size(), act.size(), "rows");
        for (int i = 0; i < ref.size(); i++) assertEquals(Arrays.asList(ref.get(i)), Arrays.asList(act.get(i)), "row " + i);
    }

    /**
     * CPU 0 runs an eighth of the others' share, so it ends within the first rows: a CPU whose share
     * is done counts as arrived at every later barrier, and the run (bounded by a one-minute run
     * timeout) writes every row without waiting for it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"linux-6.1", "linux-6.7+invalidation=lazy"})
    void aCpuThatEndsEarlyDoesNotHoldTheBarriers(String policy) {
        Policy p = Policy.byName(policy);
        Workload storage = WorkloadCatalogue.byName("storage:gap-ns=20000");
        Workload uneven = new Workload() {
            @Override
            public String name() {
                return "uneven " + storage.name();
            }

            @Override
            public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
                return storage.forCpu(cpu, cpus, seed, cpu == 0 ? ops / 8 : ops);
            }
        };
        List<Object[]> rows = new ArrayList<>();
        RunSpec spec = RunSpec.of(p, uneven, 4, 2000, 5).withSeries(new SeriesSpec(2_000_000, row -> rows.add(row.clone())));
        EngineSettings settings = new EngineSettings(Duration.ofSeconds(20), Duration.ofMinutes(1), 64, 20, 2);
        RunReport r = new ActorsEngine(settings).run(spec, ProgressListener.NONE);
        assertTrue(r.flag("conservation_ok"), () -> r.text("conservation_problem"));
        assertEquals(0, r.longValue("engine_errors"));
        assertEquals(3 * 2000 + 250, r.longValue("ops"), "every share ran; storage has no setup");
        assertEquals(20, rows.size(), "2000 ops x 20 us = 40 ms in 2 ms rows");
        assertEquals(r.longValue("ops"), sum(rows, Column.OPS));
    }
}
