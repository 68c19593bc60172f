package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceEngineTest {
    private static RunReport run(String workload, Policy p, int cpus, long ops, long seed) {
        return new ReferenceEngine().run(RunSpec.of(p, WorkloadCatalogue.byName(workload), cpus, ops, seed), ProgressListener.NONE);
    }

    /** The report's keys and values but those that measure the host rather than the simulation, which determinism ignores. */
    static String withoutWallClock(RunReport r) {
        Map<String, Object> v = new LinkedHashMap<>(r.values());
        v.keySet().removeAll(List.of("wall_seconds", "ops_per_second", "sim_seconds_per_wall_second"));
        return v.toString();
    }

    @Test
    void sameSeedGivesTheSameReportApartFromWallClock() {
        for (String w : List.of("sac-pressure", "nic", "storage", "aging", "mixed")) {
            String a = withoutWallClock(run(w, Policy.LINUX_6_7, 8, 800, 42));
            String b = withoutWallClock(run(w, Policy.LINUX_6_7, 8, 800, 42));
            String c = withoutWallClock(run(w, Policy.LINUX_6_7, 8, 800, 43));
            assertEquals(a, b, w);
            assertNotEquals(a, c, w + ": another seed should change the run");
        }
    }

    @Test
    void reportHasTheIssuesKeysInOrderAndAPartitionOfOutcomes() {
        RunReport r = run("storage", Policy.LINUX_6_1, 4, 2000, 1);
        List<String> required = List.of("policy", "engine", "workload", "cpus", "nodes", "seed", "ops", "allocs",
                "alloc_failed", "rcache_hits", "depot_hits", "tree_allocs", "flushes", "flush_cpu_visits", "flushed_pfns",
                "flushed_pfns_useful", "flushed_pfns_useless", "work_units", "wall_seconds", "ops_per_second",
                "conservation_ok", "size_classes");
        assertEquals(required, List.copyOf(r.values().keySet()).subList(0, required.size()));
        assertEquals(r.longValue("allocs"), r.longValue("rcache_hits") + r.longValue("depot_hits")
                + r.longValue("tree_allocs") + r.longValue("alloc_failed"));
        assertTrue(r.flag("conservation_ok"));
        long uncached = r.list("size_classes").get(6).longValue("allocs");
        assertTrue(uncached > 0, "storage maps sizes above 32 pages");
        assertEquals(0, r.list("size_classes").get(6).longValue("hits"), "sizes above 32 pages bypass the caches");
    }

    /**
     * The seed's claim: with the 32-bit space nearly full, v4.14 flushes every CPU's magazines on
     * every failed SAC attempt, v4.15 (the caller says "no flush") never does; v4.14's hit rate
     * collapses, and most of what it flushes is returned for nothing (the retry fails anyway).
     */
    @Test
    void seedClaimAt128Cpus() {
        RunReport old = run("sac-pressure", Policy.LINUX_4_14, 128, 400, 1);
        RunReport fixed = run("sac-pressure", Policy.LINUX_4_15, 128, 400, 1);
        assertTrue(old.longValue("flushes") > 1000, "4.14 flushes: " + old.longValue("flushes"));
        assertTrue(old.longValue("flushes") > 100 * Math.max(1, fixed.longValue("flushes")),
                old.longValue("flushes") + " vs " + fixed.longValue("flushes"));
        assertTrue(old.doubleValue("hit_rate") < fixed.doubleValue("hit_rate") - 0.3,
                old.doubleValue("hit_rate") + " vs " + fixed.doubleValue("hit_rate"));
        assertEquals(old.longValue("flushes"), old.longValue("flushes_for_32bit_requests"));
        assertEquals(128 * old.longValue("flushes"), old.longValue("flush_cpu_visits"));
        assertTrue(2 * old.longValue("flushed_pfns_for_nothing") > old.longValue("flushed_pfns"),
                old.longValue("flushed_pfns_for_nothing") + " of " + old.longValue("flushed_pfns"));
        assertTrue(2 * old.longValue("flushes_retry_failed") > old.longValue("flushes"));
        assertTrue(old.longValue("flushed_pfns_useless") > 0, "some flushed pfns lie above 4 GiB");
        assertTrue(old.flag("conservation_ok") && fixed.flag("conservation_ok"));
    }

    /** aging: the long-lived population grows, and with it the tree and the walk per operation. */
    @Test
    void agingDriftsOverTheRun() {
        for (Policy p : List.of(Policy.LINUX_6_1, Policy.LINUX_6_7)) {
            RunReport r = run("aging", p, 16, 20000, 1);
            List<RunReport> samples = r.list("samples");
            assertTrue(samples.size() >= 32, "samples: " + samples.size());
            double nodesFirst = r.doubleValue("drift_tree_nodes_first");
            double nodesLast = r.doubleValue("drift_tree_nodes_last");
            assertTrue(nodesLast > 1.2 * nodesFirst, p.name() + " tree nodes " + nodesFirst + " -> " + nodesLast);
            assertNotEquals(r.doubleValue("drift_work_units_per_op_first"), r.doubleValue("drift_work_units_per_op_last"));
            assertTrue(r.flag("conservation_ok"));
        }
    }

    @Test
    void depotTrimRunsOnTheVirtualClockUnder67Only() {
        String bursts = "nic:ring=4096,budget=4096,gap-ns=100000";
        RunReport trims = run(bursts, Policy.LINUX_6_7, 4, 20000, 1);
        RunReport none = run(bursts, Policy.LINUX_6_1, 4, 20000, 1);
        assertTrue(trims.longValue("depot_trims") > 0, "6.7 trims: " + trims.longValue("depot_trims"));
        assertEquals(0, none.longValue("depot_trims"));
        assertTrue(trims.doubleValue("virtual_seconds") > 0);
    }

    @Test
    void periodicConservationChecksPass() {
        RunSpec s = new RunSpec(Policy.LINUX_6_1, WorkloadCatalogue.byName("mixed"), 8, 1000, 3, 500, null, true, null, null);
        assertTrue(new ReferenceEngine().run(s, ProgressListener.NONE).flag("conservation_ok"));
    }

    @Test
    void traceWorkloadReproducesTheConformanceSummary(@TempDir Path dir) {
        String trace = "trace:" + ConformanceSet.extract("c1-basic.trace.xz", dir);
        RunReport r = run(trace, Policy.LINUX_6_1, 1, 1, 1);
        assertEquals(4, r.longValue("cpus"), "the trace's header decides the CPUs");
        assertTrue(r.flag("conservation_ok"));
        assertEquals(0, r.longValue("depot_trims"));
    }
}
