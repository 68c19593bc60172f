package dev.iovasim.cli;

import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.TreeReports;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.StandardReport;
import dev.iovasim.cluster.RunFigures;
import dev.iovasim.metrics.HistogramFeed;
import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.StatsPublisher;
import dev.iovasim.metrics.StatsSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's share of each run's figures, by policy, under the counting rule: a cpu node adds its
 * CPUs' counters (allocations, frees, magazine and depot traffic) and allocation latency; the tree
 * node adds the tree owner's (flushes and what they returned, flush latency), the flush fan-out's
 * messages and bytes, and the tree's size; one JVM adds them all. Summed over the nodes, every
 * counter equals the run report's, and so does every histogram's count.
 *
 * <p>While a run goes, its latest figures are published on top of the ended runs' totals; its
 * final figures then join the totals. A run's figures that come after its end, or after a later
 * run's, are late and ignored: nothing is counted twice and no counter goes back. Histograms are
 * fed the growth of the run's own records, which start from nothing with each run.
 */
final class RunMetrics {
    /**
     * A node's share of one run's figures at one moment: counters ({@link AllocStats#toVector()}), fan-out,
     * tree size and depot magazines per class (null if unknown), and the run's records of latency
     * and flush sizes as {@link HistogramFeed} counts (null for those the node does not keep).
     */
    record Share(long[] stats, long fanOutMessages, long fanOutBytes, long treeNodes, int[] depotMagazines,
                 long[] flushLatencyNanos, long[] pfnsPerFlush, long[][] allocationLatencyNanos) {
        static Share cpus(CpuFigures f) {
            return new Share(f.stats(), 0, 0, StatsSnapshot.ABSENT, null, null, null, allocationLatency(f));
        }

        static Share tree(TreeReports.TreeReport t) {
            TreeReports.FlushFigures f = t.flush();
            return new Share(t.stats(), f.messages(), f.fanoutBytes(), t.tree().nodes(),
                    t.depotMagazines(), HistogramFeed.countsOf(f.latencyNanos()), f.pfnsPerFlush(), null);
        }

        /** One JVM: the tree owner's figures and its CPUs' together. */
        static Share machine(TreeReports.TreeReport t, CpuFigures cpus) {
            Share tree = tree(t);
            long[] both = tree.stats().clone();
            AllocStats.addVectors(both, cpus.stats());
            return new Share(both, tree.fanOutMessages(), tree.fanOutBytes(), tree.treeNodes(), tree.depotMagazines(),
                    tree.flushLatencyNanos(), tree.pfnsPerFlush(), allocationLatency(cpus));
        }

        /** A one-JVM run's report, whatever its engine: counters only. */
        static Share report(RunReport r) {
            boolean fanOut = r.has("fanout_messages");
            return new Share(StandardReport.stats(r).toVector(), fanOut ? r.longValue("fanout_messages") : 0,
                    fanOut ? r.longValue("fanout_bytes") : 0, r.has("tree_nodes") ? r.longValue("tree_nodes") : StatsSnapshot.ABSENT,
                    null, null, null, null);
        }

        private static long[][] allocationLatency(CpuFigures f) {
            long[][] out = new long[Outcome.COUNT][];
            for (int o = 0; o < Outcome.COUNT; o++) out[o] = HistogramFeed.countsOf(f.latency(o));
            return out;
        }
    }

    private final IovasimMetrics metrics;
    private final Map<String, Runs> byPolicy = new HashMap<>();

    RunMetrics(IovasimMetrics metrics) {
        this.metrics = metrics;
    }

    /** Run {@code run}'s share so far, or its final one; runs are numbered in the order they start on this node. */
    synchronized void take(String policy, long run, Share s, boolean last) {
        byPolicy.computeIfAbsent(policy, p -> new Runs(metrics.publisher(p))).take(run, s, last);
    }

    /** What a cpu node's host hands over: its CPUs' figures summed. */
    RunFigures<CpuFigures> cpus() {
        return as(Share::cpus);
    }

    /** What the tree node hands over: the tree owner's report. */
    RunFigures<TreeReports.TreeReport> tree() {
        return as(Share::tree);
    }

    private <T> RunFigures<T> as(Function<T, Share> share) {
        return new RunFigures<>() {
            @Override
            public void live(String policy, long run, T figures) {
                take(policy, run, share.apply(figures), false);
            }

            @Override
            public void end(String policy, long run, T figures) {
                take(policy, run, share.apply(figures), true);
            }
        };
    }

    /** One policy's runs on this node: the ended runs' totals and the run going on. */
    private static final class Runs {
        private final StatsPublisher publisher;
        /** The ended runs' counters, null before the first ends (its class count is the policy's). */
        private AllocStats ended;
        private long endedMessages;
        private long endedBytes;
        private long publishedMessages;
        private long publishedBytes;
        private long run = Long.MIN_VALUE;
        private boolean over;
        /** The latest share of the run going on, until it ends. */
        private Share current;

        Runs(StatsPublisher publisher) {
            this.publisher = publisher;
        }

        void take(long r, Share s, boolean last) {
            if (late(r)) return;
            if (r > run) begin(r);
            publish(s);
            current = last ? null : s;
            over = last;
            if (last) addToEnded(s);
        }

        private boolean late(long r) {
            return r < run || r == run && over;
        }

        /** A run that never ended (its node gave up on it) keeps what it published: counters cannot go back. */
        private void begin(long r) {
            if (current != null) addToEnded(current);
            current = null;
            run = r;
            over = false;
            publisher.restartRecords();
        }

        private void addToEnded(Share s) {
            if (ended == null) ended = AllocStats.fromVector(s.stats());
            else ended.addVector(s.stats());
            endedMessages += s.fanOutMessages();
            endedBytes += s.fanOutBytes();
        }

        private void publish(Share s) {
            AllocStats stats = AllocStats.fromVector(s.stats());
            if (ended != null) stats.addVector(ended.toVector());
            publisher.publish(StatsSnapshot.of(stats, s.treeNodes(), s.depotMagazines()));
            long messages = endedMessages + s.fanOutMessages();
            long bytes = endedBytes + s.fanOutBytes();
            publisher.recordFanOut(messages - publishedMessages, bytes - publishedBytes);
            publishedMessages = messages;
            publishedBytes = bytes;
            publisher.publishRecords(s.flushLatencyNanos(), s.pfnsPerFlush(), s.allocationLatencyNanos());
        }
    }
}
