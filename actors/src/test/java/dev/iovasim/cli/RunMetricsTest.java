package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.TestFigures;
import dev.iovasim.actors.TreeReports;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.metrics.IovasimMetrics;
import io.prometheus.client.Collector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's metrics over its runs: while a run goes its latest share is shown on top of the ended
 * runs' totals; a run's end settles its share; figures that come late change nothing. The
 * histograms fed from the runs' records follow the same rule, and with per-CPU labels so does
 * each CPU's series.
 */
class RunMetricsTest {
    private static final long PFNS_PER_FLUSH = 12;
    private final IovasimMetrics metrics = new IovasimMetrics("n", false);
    private final RunMetrics runs = new RunMetrics(metrics);

    @Test
    void liveSharesAddToTheEndedRunsAndLateOnesAreIgnored() {
        runs.cpus().live("p", 1, hits(10));
        assertAllocations(10);
        runs.cpus().live("p", 1, hits(25));
        assertAllocations(25);
        runs.cpus().end("p", 1, hits(30));
        assertAllocations(30);

        runs.cpus().live("p", 1, hits(28));
        runs.cpus().end("p", 1, hits(30));
        assertAllocations(30, "after its end, a run's figures are late");

        runs.cpus().live("p", 2, hits(5));
        assertAllocations(35, "the next run starts from the ended runs' totals");
        runs.cpus().live("p", 1, hits(99));
        assertAllocations(35, "an earlier run's figures are late");
        runs.cpus().end("p", 2, hits(7));
        assertAllocations(37);
    }

    @Test
    void aRunThatNeverEndedKeepsWhatItPublished() {
        runs.cpus().live("p", 4, hits(20));
        runs.cpus().live("p", 5, hits(3));
        assertAllocations(23, "counters never go back");
        runs.cpus().end("p", 5, hits(8));
        assertAllocations(28);
    }

    @Test
    void theTreeOwnersShareCarriesFlushesFanOutTheTreeSizeAndTheDepot() {
        runs.tree().live("p", 1, tree(2, 10, 100, 40));
        assertEquals(2, exported("iovasim_flushes_total"));
        assertEquals(2, exported("iovasim_flush_latency_seconds_count"));
        assertEquals(2, exported("iovasim_flush_returned_pfns_count"));
        assertEquals(2 * PFNS_PER_FLUSH, exported("iovasim_flush_returned_pfns_sum"));
        assertEquals(10, exported("iovasim_flush_fanout_messages_total"));
        assertEquals(100, exported("iovasim_flush_fanout_bytes_total"));
        assertEquals(40, exported("iovasim_tree_nodes"));
        assertEquals(41, exported("iovasim_depot_magazines"));
        runs.tree().end("p", 1, tree(3, 16, 160, 35));
        runs.tree().live("p", 2, tree(1, 4, 40, 50));
        assertEquals(4, exported("iovasim_flushes_total"));
        assertEquals(4, exported("iovasim_flush_latency_seconds_count"));
        assertEquals(4 * PFNS_PER_FLUSH, exported("iovasim_flush_returned_pfns_sum"));
        assertEquals(20, exported("iovasim_flush_fanout_messages_total"));
        assertEquals(200, exported("iovasim_flush_fanout_bytes_total"));
        assertEquals(50, exported("iovasim_tree_nodes"), "a gauge shows the latest figure");
        assertEquals(51, exported("iovasim_depot_magazines"));
        assertEquals(0, exported("iovasim_allocations_total"), "allocations are counted where the CPUs live");
        assertEquals(0, exported("iovasim_allocation_latency_seconds_count"), "and so is their latency");
    }

    @Test
    void policiesKeepTheirOwnRuns() {
        runs.cpus().end("a", 1, hits(10));
        runs.cpus().live("b", 2, hits(4));
        runs.cpus().live("a", 1, hits(50));
        assertEquals(10, exported("iovasim_allocations_total", "a"));
        assertEquals(4, exported("iovasim_allocations_total", "b"));
    }

    @Test
    void perCpuLabelsGiveEachCpuItsSeriesAndTheTreeOwnerNone() {
        IovasimMetrics labelled = new IovasimMetrics("n", true);
        RunMetrics byCpu = new RunMetrics(labelled);
        assertTrue(byCpu.cpus().eachCpu(), "a node with per-CPU labels asks for each CPU's figures");
        assertFalse(runs.cpus().eachCpu(), "and one without does not: nothing but the sums is kept");

        byCpu.cpus().live("p", 1, figures(0, 3, 4));
        assertEquals(3, exported(labelled, "iovasim_allocations_total", "0"));
        assertEquals(4, exported(labelled, "iovasim_allocations_total", "1"));
        assertEquals(0, exported(labelled, "iovasim_allocations_total", ""), "the CPUs' figures are not on cpu=\"\"");
        byCpu.cpus().end("p", 1, figures(0, 5, 6));
        assertEquals(5, exported(labelled, "iovasim_allocations_total", "0"));
        assertEquals(6, exported(labelled, "iovasim_allocations_total", "1"));
        assertEquals(11, exported(labelled, "iovasim_allocations_total", null), "the sum over cpu is the total");
        assertEquals(11, exported(labelled, "iovasim_allocation_latency_seconds_count", null));
        assertEquals(11, exported(labelled, "iovasim_size_class_allocations_total", null));
        for (String never : new String[] {"iovasim_allocation_latency_seconds_count", "iovasim_size_class_allocations_total",
                                          "iovasim_flush_fanout_messages_total", "iovasim_tree_nodes"}) {
            assertEquals(List.of(), cpuLabels(labelled, never), never + " never carries cpu");
        }

        IovasimMetrics treeNode = new IovasimMetrics("t", true);
        new RunMetrics(treeNode).tree().end("p", 1, tree(2, 10, 100, 40));
        assertEquals(2, exported(treeNode, "iovasim_flushes_total", ""), "the tree owner's figures are on cpu=\"\"");
        assertEquals(2, exported(treeNode, "iovasim_flushes_total", null), "and nowhere else");

        // one JVM: the tree owner's figures on cpu="", each CPU's on its own
        byCpu.take("q", 1, RunMetrics.Share.machine(tree(3, 0, 0, 9), figures(0, 7, 8)), true);
        assertEquals(7, exported(labelled, "iovasim_allocations_total", "q", "0"));
        assertEquals(8, exported(labelled, "iovasim_allocations_total", "q", "1"));
        assertEquals(0, exported(labelled, "iovasim_allocations_total", "q", ""));
        assertEquals(3, exported(labelled, "iovasim_flushes_total", "q", ""));
        assertEquals(3, exported(labelled, "iovasim_flushes_total", "q", null));
    }

    @Test
    void eachCpusSeriesKeepsTheRulesOfEndedLateAndAbandonedRuns() {
        IovasimMetrics labelled = new IovasimMetrics("n", true);
        RunMetrics byCpu = new RunMetrics(labelled);
        byCpu.cpus().live("p", 1, figures(0, 10, 20));
        byCpu.cpus().end("p", 1, figures(0, 12, 25));
        byCpu.cpus().live("p", 1, figures(0, 99, 99));
        assertCpus(labelled, 12, 25, "after its end, a run's figures are late");

        byCpu.cpus().live("p", 2, figures(1, 3));
        assertCpus(labelled, 12, 28, "a CPU absent from the next run keeps its total; the other starts from its own");
        byCpu.cpus().live("p", 1, figures(0, 50, 50));
        assertCpus(labelled, 12, 28, "an earlier run's figures are late");

        byCpu.cpus().live("p", 3, figures(0, 4));
        assertCpus(labelled, 16, 28, "run 2 never ended: cpu 1 keeps what it published");
        byCpu.cpus().end("p", 3, figures(0, 5, 2));
        assertCpus(labelled, 17, 30, "run 3's end");
        assertEquals(47, exported(labelled, "iovasim_allocations_total", null));
        assertEquals(47, exported(labelled, "iovasim_allocation_latency_seconds_count", null));
    }

    private static void assertCpus(IovasimMetrics m, long cpu0, long cpu1, String why) {
        assertEquals(cpu0, exported(m, "iovasim_allocations_total", "0"), why + ": cpu 0");
        assertEquals(cpu1, exported(m, "iovasim_allocations_total", "1"), why + ": cpu 1");
    }

    /** Figures of CPUs {@code first}, {@code first + 1}, ..., kept apart, each with {@code hits[i]} CPU hits of 1 us. */
    private static CpuFigures figures(int first, int... hits) {
        CpuFigures f = new CpuFigures(true);
        for (int i = 0; i < hits.length; i++) {
            CpuFigures one = hits(hits[i]);
            long[] nanos = new long[hits[i]];
            Arrays.fill(nanos, 1000);
            f.add(TestFigures.cpuStats(first + i, one.stats(), Outcome.CPU_HIT, nanos));
        }
        return f;
    }

    /** The sum of policy {@code p}'s samples called {@code name} on {@code cpu} (null: on any, or none). */
    private static long exported(IovasimMetrics m, String name, String cpu) {
        return exported(m, name, "p", cpu);
    }

    private static long exported(IovasimMetrics m, String name, String policy, String cpu) {
        double sum = 0;
        for (Collector.MetricFamilySamples f : Collections.list(m.registry().metricFamilySamples())) {
            for (Collector.MetricFamilySamples.Sample s : f.samples) {
                if (s.name.equals(name) && policy.equals(label(s, "policy")) && (cpu == null || cpu.equals(label(s, "cpu")))) {
                    sum += s.value;
                }
            }
        }
        return (long) sum;
    }

    /** The {@code cpu} labels of the samples called {@code name}. */
    private static List<String> cpuLabels(IovasimMetrics m, String name) {
        List<String> out = new ArrayList<>();
        for (Collector.MetricFamilySamples f : Collections.list(m.registry().metricFamilySamples())) {
            for (Collector.MetricFamilySamples.Sample s : f.samples) {
                if (s.name.equals(name) && s.labelNames.contains("cpu")) out.add(label(s, "cpu"));
            }
        }
        return out;
    }

    private static String label(Collector.MetricFamilySamples.Sample s, String name) {
        int i = s.labelNames.indexOf(name);
        return i < 0 ? null : s.labelValues.get(i);
    }

    /** {@code n} allocations, each a CPU hit of 1 us. */
    private static CpuFigures hits(int n) {
        AllocStats s = new AllocStats();
        for (int i = 0; i < n; i++) s.countAlloc(1, 1, Outcome.CPU_HIT);
        long[] nanos = new long[n];
        Arrays.fill(nanos, 1000);
        return new CpuFigures().add(TestFigures.cpuStats(0, s.toVector(), Outcome.CPU_HIT, nanos));
    }

    /**
     * {@code flushes} flushes, each of 50 us and returning {@link #PFNS_PER_FLUSH} ranges; the depot
     * holds {@code treeNodes} magazines of class 0 and one of class 5.
     */
    private static TreeReports.TreeReport tree(int flushes, long messages, long bytes, int treeNodes) {
        AllocStats s = new AllocStats();
        s.set(Counter.FLUSHES, flushes);
        s.set(Counter.FLUSHED_PFNS, flushes * PFNS_PER_FLUSH);
        long[] nanos = new long[flushes];
        Arrays.fill(nanos, 50_000);
        TreeReports.FlushFigures flush = new TreeReports.FlushFigures(messages, bytes, TestFigures.flushLatency(nanos),
                new long[] {PFNS_PER_FLUSH, flushes});
        return new TreeReports.TreeReport(s.toVector(), flush, new TreeReports.TreeWork(0, 0, 0, treeNodes), 0,
                null, new int[] {treeNodes, 0, 0, 0, 0, 1});
    }

    private void assertAllocations(long n) {
        assertAllocations(n, null);
    }

    private void assertAllocations(long n, String why) {
        assertEquals(n, exported("iovasim_allocations_total"), why);
        assertEquals(n, exported("iovasim_allocation_latency_seconds_count"), why);
        assertEquals(n * 1e-6, sum("iovasim_allocation_latency_seconds_sum"), n * 1e-8, why);
    }

    private long exported(String name) {
        return exported(name, null);
    }

    private long exported(String name, String policy) {
        return (long) sum(name, policy);
    }

    private double sum(String name) {
        return sum(name, null);
    }

    /** The sum of every sample called {@code name}, of one policy or (null) all. */
    private double sum(String name, String policy) {
        double sum = 0;
        for (Collector.MetricFamilySamples f : Collections.list(metrics.registry().metricFamilySamples())) {
            for (Collector.MetricFamilySamples.Sample s : f.samples) {
                if (s.name.equals(name) && (policy == null || policy.equals(s.labelValues.get(s.labelNames.indexOf("policy"))))) {
                    sum += s.value;
                }
            }
        }
        return sum;
    }
}
