package dev.iovasim.metrics;

import dev.iovasim.allocator.FlushRecord;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.SizeClass;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
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
    /** One counter fed from the snapshots: its label child, the snapshot's value, and its name for errors. */
    private record Fed(Counter.Child child, ToLongFunction<StatsSnapshot> value, String what) {
    }

    /** A counter family's child for this owner, with the cpu label when per-CPU metrics are on. */
    @FunctionalInterface
    private interface CpuScoped {
        Counter.Child of(Counter family, String... extra);
    }

    /** The counters fed from the snapshots, in the order the snapshot lists them. */
    private final List<Fed> fed;
    private final Counter.Child[] classAllocs = new Counter.Child[StatsSnapshot.CLASS_BUCKETS];
    private final Counter.Child[] classHits = new Counter.Child[StatsSnapshot.CLASS_BUCKETS];
    private final Counter.Child fanOutMessages;
    private final Counter.Child fanOutBytes;
    private final Gauge.Child treeNodes;
    private final Gauge.Child[] depotMagazines = new Gauge.Child[SizeClass.CACHED_CLASSES];
    private final Histogram.Child flushLatency;
    private final Histogram.Child flushReturnedPfns;
    private final Histogram.Child[] allocationLatency = new Histogram.Child[Outcome.COUNT];
    private final HistogramFeed flushLatencyFeed;
    private final HistogramFeed flushReturnedPfnsFeed;
    private final HistogramFeed[] allocationLatencyFeeds = new HistogramFeed[Outcome.COUNT];
    private StatsSnapshot last = StatsSnapshot.ZERO;

    StatsPublisher(IovasimMetrics m, String policy, String cpu) {
        if (policy == null || policy.isBlank()) throw new IllegalArgumentException("policy name must not be blank");
        CpuScoped mine = (family, extra) -> family.labels(m.labelValues(policy, cpu, true, extra));
        fed = List.of(
                new Fed(mine.of(m.allocations, Outcome.name(Outcome.CPU_HIT)), StatsSnapshot::cpuHits, "cpu hits"),
                new Fed(mine.of(m.allocations, Outcome.name(Outcome.DEPOT_HIT)), StatsSnapshot::depotHits, "depot hits"),
                new Fed(mine.of(m.allocations, Outcome.name(Outcome.TREE)), StatsSnapshot::treeAllocs, "tree allocations"),
                new Fed(mine.of(m.allocations, Outcome.name(Outcome.FAILED)), StatsSnapshot::failed, "failed allocations"),
                new Fed(mine.of(m.frees, "rcache"), StatsSnapshot::freesToMagazine, "frees to a magazine"),
                new Fed(mine.of(m.frees, "depot"), StatsSnapshot::freesToDepot, "frees to the depot"),
                new Fed(mine.of(m.frees, "tree"), StatsSnapshot::freesToTree, "frees to the tree"),
                new Fed(mine.of(m.depotOverflows), StatsSnapshot::depotOverflows, "depot overflows"),
                new Fed(mine.of(m.depotMagazinesMoved), StatsSnapshot::depotExchanges, "depot exchanges"),
                new Fed(mine.of(m.magazinePfnsMoved), StatsSnapshot::magazineMoves, "magazine moves"),
                new Fed(mine.of(m.flushes), StatsSnapshot::flushes, "flushes"),
                new Fed(mine.of(m.flushCpuVisits), StatsSnapshot::flushCpuVisits, "flush CPU visits"),
                new Fed(mine.of(m.flushRetrySuccesses), StatsSnapshot::flushRetrySucceeded, "flush retry successes"),
                new Fed(mine.of(m.flushedPfns, "useful"), StatsSnapshot::flushedUseful, "useful flushed pfns"),
                new Fed(mine.of(m.flushedPfns, "useless"), StatsSnapshot::flushedUseless, "useless flushed pfns"),
                new Fed(mine.of(m.cpuUnplugs), StatsSnapshot::cpuUnplugs, "CPU unplugs"),
                new Fed(mine.of(m.unplugReclaimedPfns), StatsSnapshot::unplugPfns, "unplug pfns"),
                new Fed(mine.of(m.depotTrims), StatsSnapshot::trims, "depot trims"),
                new Fed(mine.of(m.depotTrimmedPfns), StatsSnapshot::trimmedPfns, "trimmed pfns"),
                new Fed(mine.of(m.sacAttempts), StatsSnapshot::sacAttempts, "SAC attempts"),
                new Fed(mine.of(m.sacFailures), StatsSnapshot::sacFailures, "SAC failures"),
                new Fed(mine.of(m.devicesSwitched), StatsSnapshot::devicesSwitched, "devices switched"),
                new Fed(mine.of(m.fqQueued), StatsSnapshot::fqQueued, "flush-queue entries"),
                new Fed(mine.of(m.fqFlushes), StatsSnapshot::fqFlushes, "flush-queue flushes"),
                new Fed(mine.of(m.fqTimerFlushes), StatsSnapshot::fqTimerFlushes, "flush-queue timer flushes"),
                new Fed(mine.of(m.fqFreed), StatsSnapshot::fqFreed, "flush-queue frees"));
        for (int c = 0; c < StatsSnapshot.CLASS_BUCKETS; c++) {
            classAllocs[c] = m.classAllocations.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c)));
            classHits[c] = m.classHits.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c)));
        }
        fanOutMessages = m.flushMessages.labels(m.labelValues(policy, cpu, false));
        fanOutBytes = m.flushBytes.labels(m.labelValues(policy, cpu, false));
        treeNodes = m.treeNodes.labels(m.labelValues(policy, cpu, false));
        for (int c = 0; c < depotMagazines.length; c++) {
            depotMagazines[c] = m.depotMagazines.labels(m.labelValues(policy, cpu, false, sizeClassLabel(c)));
        }
        flushLatency = m.flushLatency.labels(m.labelValues(policy, cpu, false));
        flushReturnedPfns = m.flushReturnedPfns.labels(m.labelValues(policy, cpu, false));
        for (int o = 0; o < Outcome.COUNT; o++) {
            allocationLatency[o] = m.allocationLatency.labels(m.labelValues(policy, cpu, false, Outcome.name(o)));
            allocationLatencyFeeds[o] = new HistogramFeed(allocationLatency[o], NANOS, Outcome.name(o) + " allocation latency");
        }
        flushLatencyFeed = new HistogramFeed(flushLatency, NANOS, "flush latency");
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
        long[] allocsNow = now.classAllocs();
        long[] allocsWas = was.classAllocs();
        long[] hitsNow = now.classHits();
        long[] hitsWas = was.classHits();
        for (int c = 0; c < StatsSnapshot.CLASS_BUCKETS; c++) {
            add(classAllocs[c], allocsNow[c], allocsWas[c], "size class " + c + " allocations");
            add(classHits[c], hitsNow[c], hitsWas[c], "size class " + c + " hits");
        }
        if (now.hasTree()) treeNodes.set(now.treeNodes());
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
