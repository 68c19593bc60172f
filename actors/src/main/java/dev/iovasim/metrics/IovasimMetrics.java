package dev.iovasim.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Every collector one node exports, on a registry of its own (never the process-wide default,
 * so tests and several runs in one JVM do not collide), plus the JVM's hotspot collectors.
 *
 * <p>Every {@code iovasim_} series carries {@code node} and {@code policy}. The counters fed
 * from {@link dev.iovasim.allocator.AllocStats} carry {@code cpu} too when per-CPU labels were
 * asked for: one series per simulated CPU is a cardinality the default must not impose on a
 * 1024-CPU run. Histograms, gauges and the per-size-class counters never carry {@code cpu}.
 */
public final class IovasimMetrics {
    public static final String PREFIX = "iovasim_";
    /** The {@code cpu} label of figures that belong to no single CPU (the tree, the depot, a whole engine). */
    public static final String NO_CPU = "";

    /** Wall latencies from an in-JVM hit (about a microsecond) to a remote flush (seconds). */
    static final double[] LATENCY_BUCKETS = {1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4,
        1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final String node;
    private final boolean perCpu;

    /** The families fed from {@link dev.iovasim.allocator.AllocStats}, one per {@link dev.iovasim.allocator.Counter.Family}. */
    final Map<dev.iovasim.allocator.Counter.Family, Counter> counterFamilies =
            new EnumMap<>(dev.iovasim.allocator.Counter.Family.class);
    final Counter classAllocations;
    final Counter classHits;
    final Counter flushMessages;
    final Counter flushBytes;
    final Gauge treeNodes;
    final Gauge depotMagazines;
    final Histogram flushLatency;
    final Histogram allocationLatency;
    final Histogram flushReturnedPfns;

    /**
     * @param node   this node's name, the {@code node} label of every series
     * @param perCpu add the {@code cpu} label to the counters fed from per-CPU stats
     */
    public IovasimMetrics(String node, boolean perCpu) {
        if (node == null || node.isBlank()) throw new IllegalArgumentException("node name must not be blank");
        this.node = node;
        this.perCpu = perCpu;
        for (dev.iovasim.allocator.Counter.Family f : dev.iovasim.allocator.Counter.Family.values()) {
            String[] label = f.label() == null ? new String[0] : new String[] {f.label()};
            counterFamilies.put(f, counter(f.familyName(), f.help(), true, label));
        }
        classAllocations = counter("size_class_allocations_total", "Allocations per rcache size class (2^k pages; 'uncached' above 32).", false, "size_class");
        classHits = counter("size_class_rcache_hits_total", "rcache hits (CPU magazine or depot) per size class.", false, "size_class");
        flushMessages = counter("flush_fanout_messages_total", "Messages a flush fan-out sent and received (0 for an engine without messages).", false);
        flushBytes = counter("flush_fanout_bytes_total", "Serialized bytes of flush fan-out messages (0 within one JVM).", false);
        treeNodes = Gauge.build().name(PREFIX + "tree_nodes")
                .help("Ranges in the IOVA tree, reserved ranges and the anchor included (tree owner only).")
                .labelNames("node", "policy").register(registry);
        depotMagazines = Gauge.build().name(PREFIX + "depot_magazines")
                .help("Full magazines held by the depot per size class (tree owner only).")
                .labelNames("node", "policy", "size_class").register(registry);
        flushLatency = Histogram.build().name(PREFIX + "flush_latency_seconds")
                .help("Wall time from the failing allocation's flush request to the retry's answer.")
                .labelNames("node", "policy").buckets(LATENCY_BUCKETS).register(registry);
        allocationLatency = Histogram.build().name(PREFIX + "allocation_latency_seconds")
                .help("Wall time of an allocation as its CPU saw it, by outcome.")
                .labelNames("node", "policy", "outcome").buckets(LATENCY_BUCKETS).register(registry);
        flushReturnedPfns = Histogram.build().name(PREFIX + "flush_returned_pfns")
                .help("Ranges one flush returned to the tree.")
                .labelNames("node", "policy").exponentialBuckets(1, 4, 13).register(registry);
        DefaultExports.register(registry);
    }

    /**
     * A counter of this whole JVM, read from {@code count} at each scrape (the serializer's refusals,
     * which serve every run of the JVM: the series' {@code policy} is empty).
     */
    public void processCounter(String name, String help, LongSupplier count) {
        List<String> labels = List.of(node, "");
        new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                return List.of(new CounterMetricFamily(PREFIX + name, help, List.of("node", "policy"))
                        .addMetric(labels, count.getAsLong()));
            }
        }.register(registry);
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /** Whether the counters fed from per-CPU stats carry the {@code cpu} label. */
    public boolean perCpu() {
        return perCpu;
    }

    /** A publisher for figures of the whole engine, or of CPUs the labels do not tell apart. */
    public StatsPublisher publisher(String policy) {
        return new StatsPublisher(this, policy, NO_CPU);
    }

    /** A publisher for one CPU's figures; its {@code cpu} label appears only with per-CPU labels on. */
    public StatsPublisher publisher(String policy, int cpu) {
        if (cpu < 0) throw new IllegalArgumentException("cpu must be 0 or more, got " + cpu);
        return new StatsPublisher(this, policy, Integer.toString(cpu));
    }

    /** Label values for a series: node, policy, then cpu when it applies, then the rest. */
    String[] labelValues(String policy, String cpu, boolean cpuScoped, String... extra) {
        return labels(node, policy, cpu, cpuScoped, extra);
    }

    /** A series' label names or values, in this order: node, policy, cpu when it applies (per-CPU labels on), the rest. */
    private String[] labels(String node, String policy, String cpu, boolean cpuScoped, String... extra) {
        List<String> v = new ArrayList<>(List.of(node, policy));
        if (cpuScoped && perCpu) v.add(cpu);
        v.addAll(List.of(extra));
        return v.toArray(String[]::new);
    }

    private Counter counter(String name, String help, boolean cpuScoped, String... extraLabels) {
        return Counter.build().name(PREFIX + name).help(help).labelNames(labels("node", "policy", "cpu", cpuScoped, extraLabels))
                .register(registry);
    }
}
