package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.actors.StatsVector;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.metrics.IovasimMetrics;
import io.prometheus.client.Collector;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A node's metrics over its runs: while a run goes its latest share is shown on top of the ended
 * runs' totals; a run's end settles its share; figures that come late change nothing.
 */
class RunMetricsTest {
    private final IovasimMetrics metrics = new IovasimMetrics("n", false);
    private final RunMetrics runs = new RunMetrics(metrics);

    @Test
    void liveSharesAddToTheEndedRunsAndLateOnesAreIgnored() {
        runs.cpus().live("p", 1, hits(10));
        assertEquals(10, exported("iovasim_allocations_total"));
        runs.cpus().live("p", 1, hits(25));
        assertEquals(25, exported("iovasim_allocations_total"));
        runs.cpus().end("p", 1, hits(30));
        assertEquals(30, exported("iovasim_allocations_total"));

        runs.cpus().live("p", 1, hits(28));
        runs.cpus().end("p", 1, hits(30));
        assertEquals(30, exported("iovasim_allocations_total"), "after its end, a run's figures are late");

        runs.cpus().live("p", 2, hits(5));
        assertEquals(35, exported("iovasim_allocations_total"), "the next run starts from the ended runs' totals");
        runs.cpus().live("p", 1, hits(99));
        assertEquals(35, exported("iovasim_allocations_total"), "an earlier run's figures are late");
        runs.cpus().end("p", 2, hits(7));
        assertEquals(37, exported("iovasim_allocations_total"));
    }

    @Test
    void aRunThatNeverEndedKeepsWhatItPublished() {
        runs.cpus().live("p", 4, hits(20));
        runs.cpus().live("p", 5, hits(3));
        assertEquals(23, exported("iovasim_allocations_total"), "counters never go back");
        runs.cpus().end("p", 5, hits(8));
        assertEquals(28, exported("iovasim_allocations_total"));
    }

    @Test
    void theTreeOwnersShareCarriesFlushesFanOutAndTheTreeSize() {
        runs.tree().live("p", 1, tree(2, 10, 100, 40));
        assertEquals(2, exported("iovasim_flushes_total"));
        assertEquals(10, exported("iovasim_flush_fanout_messages_total"));
        assertEquals(100, exported("iovasim_flush_fanout_bytes_total"));
        assertEquals(40, exported("iovasim_tree_nodes"));
        runs.tree().end("p", 1, tree(3, 16, 160, 35));
        runs.tree().live("p", 2, tree(1, 4, 40, 50));
        assertEquals(4, exported("iovasim_flushes_total"));
        assertEquals(20, exported("iovasim_flush_fanout_messages_total"));
        assertEquals(200, exported("iovasim_flush_fanout_bytes_total"));
        assertEquals(50, exported("iovasim_tree_nodes"), "a gauge shows the latest figure");
        assertEquals(0, exported("iovasim_allocations_total"), "allocations are counted where the CPUs live");
    }

    @Test
    void policiesKeepTheirOwnRuns() {
        runs.cpus().end("a", 1, hits(10));
        runs.cpus().live("b", 2, hits(4));
        runs.cpus().live("a", 1, hits(50));
        assertEquals(10, exported("iovasim_allocations_total", "a"));
        assertEquals(4, exported("iovasim_allocations_total", "b"));
    }

    private static long[] hits(long n) {
        AllocStats s = new AllocStats();
        for (int i = 0; i < n; i++) s.countAlloc(1, 1, Outcome.CPU_HIT);
        return StatsVector.encode(s);
    }

    private static TreeOwnerActor.TreeReport tree(long flushes, long messages, long bytes, int treeNodes) {
        AllocStats s = new AllocStats();
        s.flushes = flushes;
        return new TreeOwnerActor.TreeReport(StatsVector.encode(s), flushes, 0, messages / 2, messages - messages / 2,
                bytes, 0, 0, 0, new byte[0], 0, null, 0, 0, 0, treeNodes);
    }

    private long exported(String name) {
        return exported(name, null);
    }

    /** The sum of every sample called {@code name}, of one policy or (null) all. */
    private long exported(String name, String policy) {
        double sum = 0;
        for (Collector.MetricFamilySamples f : Collections.list(metrics.registry().metricFamilySamples())) {
            for (Collector.MetricFamilySamples.Sample s : f.samples) {
                if (s.name.equals(name) && (policy == null || policy.equals(s.labelValues.get(s.labelNames.indexOf("policy"))))) {
                    sum += s.value;
                }
            }
        }
        return (long) sum;
    }
}
