package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IovasimMetricsTest {
    /** The names docs/metrics-notes.md and the dashboard rely on: renaming one must be deliberate. */
    private static final Set<String> FAMILIES = Set.of(
            "iovasim_allocations", "iovasim_frees", "iovasim_size_class_allocations", "iovasim_size_class_rcache_hits",
            "iovasim_depot_overflows", "iovasim_depot_magazines_moved", "iovasim_magazine_pfns_moved",
            "iovasim_flushes", "iovasim_flush_cpu_visits", "iovasim_flush_retry_successes", "iovasim_flushed_pfns",
            "iovasim_flush_fanout_messages", "iovasim_flush_fanout_bytes", "iovasim_cpu_unplugs",
            "iovasim_unplug_reclaimed_pfns", "iovasim_depot_trims", "iovasim_depot_trimmed_pfns",
            "iovasim_sac_attempts", "iovasim_sac_failures", "iovasim_devices_switched",
            "iovasim_fq_queued", "iovasim_fq_flushes", "iovasim_fq_timer_flushes", "iovasim_fq_freed",
            "iovasim_tree_nodes", "iovasim_depot_magazines",
            "iovasim_flush_latency_seconds", "iovasim_allocation_latency_seconds", "iovasim_flush_returned_pfns");

    /** docs/metrics-notes.md's table lists every family a node serves: these, and the wire counter a session adds. */
    @Test
    void theMetricListNamesEveryFamily() throws java.io.IOException {
        String notes = java.nio.file.Files.readString(ProjectFiles.root().resolve("docs/metrics-notes.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `(iovasim_[a-z0-9_]+)` \\|").matcher(notes);
        Set<String> listed = new java.util.TreeSet<>();
        while (m.find()) listed.add(m.group(1).replaceFirst("_total$", ""));
        Set<String> served = new java.util.TreeSet<>(FAMILIES);
        served.add("iovasim_wire_refused_messages");
        assertEquals(served, listed);
    }

    @Test
    void definesTheDocumentedFamiliesFollowingTheConventions() {
        IovasimMetrics m = new IovasimMetrics("n1", false);
        assertEquals(FAMILIES, RegistryNames.families(m));
        for (Collector.MetricFamilySamples f : Collections.list(m.registry().metricFamilySamples())) {
            if (!f.name.startsWith(IovasimMetrics.PREFIX)) continue;
            assertTrue(!f.name.endsWith("_total") && !f.name.contains("milli") && !f.name.contains("micro"),
                    f.name + ": base units, and _total only on the series");
            if (f.name.contains("latency")) {
                assertEquals(Collector.Type.HISTOGRAM, f.type, f.name);
                assertTrue(f.name.endsWith("_seconds"), f.name + " is a duration: _seconds");
            }
            assertTrue(!f.help.isBlank(), f.name + " has help");
        }
        Set<String> exposed = RegistryNames.exposed(m);
        assertTrue(exposed.contains("iovasim_allocations_total"), "counter series end in _total");
        assertTrue(exposed.contains("iovasim_flush_latency_seconds_bucket"), "histogram buckets");
        assertTrue(exposed.contains("jvm_memory_bytes_used") && exposed.contains("process_cpu_seconds_total"),
                "hotspot exports share the registry");
    }

    @Test
    void twoInstancesInOneJvmDoNotCollide() {
        IovasimMetrics a = new IovasimMetrics("a", false);
        IovasimMetrics b = new IovasimMetrics("b", true);
        a.publisher("linux-6.1").publish(snapshot(5));
        assertEquals(5.0, a.registry().getSampleValue("iovasim_allocations_total",
                new String[] {"node", "policy", "outcome"}, new String[] {"a", "linux-6.1", "rcache"}));
        assertNull(b.registry().getSampleValue("iovasim_allocations_total",
                new String[] {"node", "policy", "cpu", "outcome"}, new String[] {"a", "linux-6.1", "", "rcache"}));
        assertNull(CollectorRegistry.defaultRegistry.getSampleValue("iovasim_allocations_total",
                new String[] {"node", "policy", "outcome"}, new String[] {"a", "linux-6.1", "rcache"}), "not on the default registry");
    }

    @Test
    void perCpuLabelsAreOffByDefaultAndOnByFlag() {
        IovasimMetrics off = new IovasimMetrics("n", false);
        off.publisher("p", 3).publish(snapshot(2));
        off.publisher("p", 4).publish(snapshot(3));
        assertEquals(5.0, off.registry().getSampleValue("iovasim_allocations_total",
                new String[] {"node", "policy", "outcome"}, new String[] {"n", "p", "rcache"}), "CPUs add up in one series");

        IovasimMetrics on = new IovasimMetrics("n", true);
        on.publisher("p", 3).publish(snapshot(2));
        on.publisher("p", 4).publish(snapshot(3));
        on.publisher("p").publish(snapshot(7));
        String[] keys = {"node", "policy", "cpu", "outcome"};
        assertEquals(2.0, on.registry().getSampleValue("iovasim_allocations_total", keys, new String[] {"n", "p", "3", "rcache"}));
        assertEquals(3.0, on.registry().getSampleValue("iovasim_allocations_total", keys, new String[] {"n", "p", "4", "rcache"}));
        assertEquals(7.0, on.registry().getSampleValue("iovasim_allocations_total", keys, new String[] {"n", "p", "", "rcache"}));
        assertNotNull(on.registry().getSampleValue("iovasim_size_class_allocations_total",
                new String[] {"node", "policy", "size_class"}, new String[] {"n", "p", "0"}), "size classes never split by CPU");
    }

    @Test
    void refusesABlankNodeOrPolicyAndANegativeCpu() {
        assertThrows(IllegalArgumentException.class, () -> new IovasimMetrics(" ", false));
        IovasimMetrics m = new IovasimMetrics("n", false);
        assertThrows(IllegalArgumentException.class, () -> m.publisher(""));
        assertThrows(IllegalArgumentException.class, () -> m.publisher("p", -1));
    }

    /** {@code hits} CPU hits and nothing else. */
    static StatsSnapshot snapshot(long hits) {
        AllocStats s = new AllocStats();
        s.set(Counter.ALLOCS, hits);
        s.set(Counter.CPU_HITS, hits);
        s.classAllocs[0] = hits;
        s.classHits[0] = hits;
        return StatsSnapshot.of(s, StatsSnapshot.ABSENT, null);
    }
}
