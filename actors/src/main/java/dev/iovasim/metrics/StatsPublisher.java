package dev.iovasim.metrics;

import dev.iovasim.allocator.FlushRecord;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.SizeClass;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Carries one stats owner's figures into the collectors without touching its hot path: the
 * owner hands over {@link StatsSnapshot}s now and then (a tick, the end of a run) and this adds
 * the growth since the previous one, so the exported totals equal the owner's counters after
 * the last publication. A flush record of the reference engine, rare, is observed as it comes;
 * latencies and the actor engine's flush sizes are kept by their owner in records of its own
 * (HdrHistograms, counts by value), which it hands over, and the growth is observed
 * ({@link HistogramFeed}).
 * Label children are looked up once, here.
 */
public final class StatsPublisher {
    private static final double NANOS = 1e-9;
    /** One counter fed from the snapshots: its label child, its value in a snapshot, and its name for errors. */
    private record Fed(Counter.Child child, ToLongFunction<StatsSnapshot> value, String what) {
    }

    /**
     * The counters fed from the snapshots: every {@link dev.iovasim.allocator.Counter} with a
     * Prometheus family, then the allocations and hits of each size class.
     */
    private final List<Fed> fed;
    private final Counter.Child fanOutMessages;
    private final Counter.Child fanOutBytes;
    private final Gauge.Child treeNodes;
    private final Gauge.Child[] depotMagazines = new Gauge.Child[SizeClass.CACHED_CLASSES];
    private final Histogram.Child flushReturnedPfns;
    private final HistogramFeed flushLatencyFeed;
    private final HistogramFeed flushReturnedPfnsFeed;
    private final HistogramFeed[] allocationLatencyFeeds = new HistogramFeed[Outcome.COUNT];
    private StatsSnapshot last = StatsSnapshot.ZERO;

    StatsPublisher(IovasimMetrics m, String policy, String cpu) {
        if (policy == null || policy.isBlank()) throw new IllegalArgumentException("policy name must not be blank");
        List<Fed> feeds = new ArrayList<>();
        for (dev.iovasim.allocator.Counter c : dev.iovasim.allocator.Counter.values()) {
            if (c.family() == null) continue;
            // cpu-scoped (true below): these carry the cpu label when per-CPU metrics are on
            String[] extra = c.labelValue() == null ? new String[0] : new String[] {c.labelValue()};
            feeds.add(new Fed(m.counterFamilies.get(c.family()).labels(m.labelValues(policy, cpu, true, extra)),
                    s -> s.exported(c), c.key()));
        }
        for (int c = 0; c < StatsSnapshot.CLASS_BUCKETS; c++) {
            int b = c;
            feeds.add(new Fed(m.classAllocations.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c))),
                    s -> s.classAllocs()[b], "size class " + c + " allocations"));
            feeds.add(new Fed(m.classHits.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c))),
                    s -> s.classHits()[b], "size class " + c + " hits"));
        }
        fed = List.copyOf(feeds);
        fanOutMessages = m.flushMessages.labels(m.labelValues(policy, cpu, false));
        fanOutBytes = m.flushBytes.labels(m.labelValues(policy, cpu, false));
        treeNodes = m.treeNodes.labels(m.labelValues(policy, cpu, false));
        for (int c = 0; c < depotMagazines.length; c++) {
            depotMagazines[c] = m.depotMagazines.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c)));
        }
        flushReturnedPfns = m.flushReturnedPfns.labels(m.labelValues(policy, cpu, false));
        for (int o = 0; o < Outcome.COUNT; o++) {
            allocationLatencyFeeds[o] = new HistogramFeed(m.allocationLatency.labels(m.labelValues(policy, cpu, false, Outcome.name(o))),
                    NANOS, Outcome.name(o) + " allocation latency");
        }
        flushLatencyFeed = new HistogramFeed(m.flushLatency.labels(m.labelValues(policy, cpu, false)), NANOS, "flush latency");
        flushReturnedPfnsFeed = new HistogramFeed(flushReturnedPfns, 1, "flush returned pfns");
    }

    /** The {@code size_class} label: the class's order (2^k pages), or {@code uncached} for the sizes above. */
    public static String sizeClassLabel(int bucket) {
        return SizeClass.cached(bucket) ? Integer.toString(bucket) : "uncached";
    }

    /**
     * Adds what grew since the previous snapshot and sets the gauges. Counters never go back: a
     * snapshot below the previous one is an owner that was reset, which needs a new publisher.
     */
    public synchronized void publish(StatsSnapshot now) {
        StatsSnapshot was = last;
        for (Fed f : fed) add(f.child(), f.value().applyAsLong(now), f.value().applyAsLong(was), f.what());
        if (now.treeNodes() != StatsSnapshot.ABSENT) treeNodes.set(now.treeNodes());
        int[] depot = now.depotMagazines();
        if (depot != null) {
            for (int c = 0; c < depot.length; c++) depotMagazines[c].set(depot[c]);
        }
        last = now;
    }

    /** One completed flush: how many ranges it returned. The flush counters come from the snapshots. */
    public void recordFlush(FlushRecord r) {
        flushReturnedPfns.observe(r.pfns());
    }

    /**
     * The owner's records so far ({@link HistogramFeed}'s counts by value), cumulative since
     * {@link #restartRecords}; null for one it does not keep.
     *
     * @param flushLatencyNanos       every flush's wall time in nanoseconds
     * @param flushReturnedPfns       every flush's returned ranges
     * @param allocationLatencyNanos  allocation wall time in nanoseconds per {@link Outcome}
     */
    public void publishRecords(long[] flushLatencyNanos, long[] flushReturnedPfns, long[][] allocationLatencyNanos) {
        if (flushLatencyNanos != null) flushLatencyFeed.publish(flushLatencyNanos);
        if (flushReturnedPfns != null) flushReturnedPfnsFeed.publish(flushReturnedPfns);
        if (allocationLatencyNanos != null) {
            for (int o = 0; o < Outcome.COUNT; o++) allocationLatencyFeeds[o].publish(allocationLatencyNanos[o]);
        }
    }

    /** The owner's next records start from nothing (its next run); what was observed stays. */
    public void restartRecords() {
        flushLatencyFeed.restart();
        flushReturnedPfnsFeed.restart();
        for (HistogramFeed f : allocationLatencyFeeds) f.restart();
    }

    /** Messages and serialized bytes one flush fan-out cost. */
    public void recordFanOut(long messages, long bytes) {
        if (messages < 0 || bytes < 0) {
            throw new IllegalArgumentException("fan-out messages and bytes must be 0 or more, got " + messages + ", " + bytes);
        }
        fanOutMessages.inc(messages);
        fanOutBytes.inc(bytes);
    }


    private static void add(Counter.Child c, long now, long was, String what) {
        if (now < was) {
            throw new IllegalArgumentException(what + " went back from " + was + " to " + now
                    + ": a reset owner needs a new publisher");
        }
        if (now > was) c.inc(now - was);
    }
}
