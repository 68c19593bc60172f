package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.FlushRecord;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import io.prometheus.client.CollectorRegistry;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsPublisherTest {
    private static final String[] BASE = {"node", "policy"};

    @Test
    void exportedTotalsEqualTheAllocatorsCountersAfterEachPublication() {
        IovasimMetrics m = new IovasimMetrics("n", false);
        IovaAllocator a = new IovaAllocator(Policy.LINUX_4_14, new DomainConfig(4, 4096, 1), true);
        StatsPublisher pub = m.publisher(a.policy().name());
        a.setFlushListener(pub::recordFlush);
        Random rnd = new Random(7);
        long[] held = new long[4096];
        long[] sizes = new long[4096];
        // a space of 3000 pfns below the limit: bursts of allocations on every CPU exhaust it
        // (flushes, failures), bursts of frees on one CPU overflow its magazines into the depot
        long limit = 3000;
        for (int round = 0; round < 3; round++) {
            int n = 0;
            for (int op = 0; op < 2500; op++) {
                long size = 1L << rnd.nextInt(2);
                long pfn = a.alloc(rnd.nextInt(4), size, limit, true);
                if (pfn != 0) {
                    held[n] = pfn;
                    sizes[n++] = size;
                }
            }
            for (int i = 0; i < n; i++) a.free(round, held[i], sizes[i]);
            a.cpuDead(round);
            pub.publish(StatsSnapshot.of(a));
            pub.publish(StatsSnapshot.of(a)); // nothing grew: nothing is added twice
            assertMatches(m.registry(), a);
        }
        AllocStats s = a.stats();
        assertTrue(s.get(Counter.FLUSHES) > 0 && s.get(Counter.FAILED) > 0 && s.get(Counter.CPU_HITS) > 0 && s.get(Counter.FREES_TO_DEPOT) > 0 && s.get(Counter.UNPLUG_PFNS) > 0,
                "the workload exercises every path: flushes " + s.get(Counter.FLUSHES) + " failed " + s.get(Counter.FAILED) + " hits " + s.get(Counter.CPU_HITS) + " to depot " + s.get(Counter.FREES_TO_DEPOT) + " unplug pfns " + s.get(Counter.UNPLUG_PFNS));
    }

    private static void assertMatches(CollectorRegistry r, IovaAllocator a) {
        AllocStats s = a.stats();
        String p = a.policy().name();
        assertEquals(s.get(Counter.CPU_HITS), value(r, "iovasim_allocations_total", p, "outcome", "rcache"));
        assertEquals(s.get(Counter.DEPOT_HITS), value(r, "iovasim_allocations_total", p, "outcome", "depot"));
        assertEquals(s.get(Counter.TREE_ALLOCS), value(r, "iovasim_allocations_total", p, "outcome", "tree"));
        assertEquals(s.get(Counter.FAILED), value(r, "iovasim_allocations_total", p, "outcome", "failed"));
        assertEquals(s.get(Counter.FREES_TO_MAGAZINE), value(r, "iovasim_frees_total", p, "path", "rcache"));
        assertEquals(s.get(Counter.FREES_TO_DEPOT), value(r, "iovasim_frees_total", p, "path", "depot"));
        assertEquals(s.get(Counter.FREES_TO_TREE), value(r, "iovasim_frees_total", p, "path", "tree"));
        assertEquals(s.get(Counter.FLUSHES), value(r, "iovasim_flushes_total", p));
        assertEquals(s.get(Counter.FLUSH_CPU_VISITS), value(r, "iovasim_flush_cpu_visits_total", p));
        assertEquals(s.get(Counter.FLUSH_RETRY_SUCCEEDED), value(r, "iovasim_flush_retry_successes_total", p));
        assertEquals(s.get(Counter.FLUSHED_USEFUL), value(r, "iovasim_flushed_pfns_total", p, "kind", "useful"));
        assertEquals(s.flushedUseless(), value(r, "iovasim_flushed_pfns_total", p, "kind", "useless"));
        assertEquals(s.get(Counter.DEPOT_EXCHANGES), value(r, "iovasim_depot_magazines_moved_total", p));
        assertEquals(s.get(Counter.DEPOT_OVERFLOWS), value(r, "iovasim_depot_overflows_total", p));
        assertEquals(s.get(Counter.MAGAZINE_MOVES), value(r, "iovasim_magazine_pfns_moved_total", p));
        assertEquals(s.get(Counter.CPU_UNPLUGS), value(r, "iovasim_cpu_unplugs_total", p));
        assertEquals(s.get(Counter.UNPLUG_PFNS), value(r, "iovasim_unplug_reclaimed_pfns_total", p));
        assertEquals(s.classAllocs[0], value(r, "iovasim_size_class_allocations_total", p, "size_class", "0"));
        assertEquals(s.classHits[3], value(r, "iovasim_size_class_rcache_hits_total", p, "size_class", "3"));
        assertEquals(a.domain().nodeCount(), value(r, "iovasim_tree_nodes", p));
        assertEquals(a.depot(0).size(), value(r, "iovasim_depot_magazines", p, "size_class", "0"));
        assertEquals(s.get(Counter.FLUSHES), value(r, "iovasim_flush_returned_pfns_count", p), "one observation per flush");
        assertEquals(s.get(Counter.FLUSHED_PFNS), value(r, "iovasim_flush_returned_pfns_sum", p), "the flushes' pfns");
    }

    private static long value(CollectorRegistry r, String name, String policy, String... extra) {
        String[] keys = new String[2 + extra.length / 2];
        String[] values = new String[keys.length];
        keys[0] = "node";
        keys[1] = "policy";
        values[0] = "n";
        values[1] = policy;
        for (int i = 0; i < extra.length; i += 2) {
            keys[2 + i / 2] = extra[i];
            values[2 + i / 2] = extra[i + 1];
        }
        Double v = r.getSampleValue(name, keys, values);
        if (v == null) throw new AssertionError("no sample " + name + " " + String.join(",", values));
        return Math.round(v);
    }

    @Test
    void aSnapshotBelowThePreviousIsRefused() {
        StatsPublisher pub = new IovasimMetrics("n", false).publisher("p");
        pub.publish(IovasimMetricsTest.snapshot(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pub.publish(IovasimMetricsTest.snapshot(4)));
        assertTrue(e.getMessage().contains("rcache_hits went back from 10 to 4"), e.getMessage());
    }

    @Test
    void latenciesAndFanOutGoToTheirOwnSeries() {
        IovasimMetrics m = new IovasimMetrics("n", false);
        StatsPublisher pub = m.publisher("p");
        long[][] allocation = new long[Outcome.COUNT][0];
        allocation[Outcome.TREE] = new long[] {2_000, 1, 3_000_000, 1};
        pub.publishRecords(new long[] {400_000, 1}, null, allocation);
        pub.recordFanOut(256, 10_000);
        pub.recordFanOut(256, 0);
        pub.recordFlush(new FlushRecord(100, 40, 10, true));
        CollectorRegistry r = m.registry();
        assertEquals(2.0, r.getSampleValue("iovasim_allocation_latency_seconds_count",
                new String[] {"node", "policy", "outcome"}, new String[] {"n", "p", "tree"}));
        assertEquals(1.0, r.getSampleValue("iovasim_allocation_latency_seconds_bucket",
                new String[] {"node", "policy", "outcome", "le"}, new String[] {"n", "p", "tree", "2.5E-6"}));
        assertEquals(0.0, r.getSampleValue("iovasim_allocation_latency_seconds_count",
                new String[] {"node", "policy", "outcome"}, new String[] {"n", "p", "rcache"}));
        assertEquals(1.0, r.getSampleValue("iovasim_flush_latency_seconds_count", BASE, new String[] {"n", "p"}));
        assertEquals(512.0, r.getSampleValue("iovasim_flush_fanout_messages_total", BASE, new String[] {"n", "p"}));
        assertEquals(10_000.0, r.getSampleValue("iovasim_flush_fanout_bytes_total", BASE, new String[] {"n", "p"}));
        assertEquals(40.0, r.getSampleValue("iovasim_flush_returned_pfns_sum", BASE, new String[] {"n", "p"}));
        assertEquals(0.0, r.getSampleValue("iovasim_flushes_total", BASE, new String[] {"n", "p"}),
                "flush counts come from the stats snapshots only");
        assertThrows(IllegalArgumentException.class, () -> pub.recordFanOut(-1, 0));
    }
}
