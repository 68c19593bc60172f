package dev.iovasim.cli;

import dev.iovasim.actors.ActorTarget;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's share of each run's figures, by policy, under the counting rule: a cpu node adds its
 * CPUs' counters (allocations, frees, magazine and depot traffic) and allocation latency; the tree
 * node adds the tree owner's (flushes and what they returned, flush latency), the flush fan-out's
 * messages and bytes, and the tree's size; one JVM adds them all. Summed over the nodes (and the
 * {@code cpu} label), every counter equals the run report's, and so does every histogram's count.
 * With per-CPU labels each CPU's counters go to its own series ({@link #eachCpu}); what belongs to
 * no single CPU (the tree owner's, a whole engine's) stays on {@code cpu=""}.
 *
 * <p>While a run goes, its latest figures are published on top of the ended runs' totals, series
 * by series; its final figures then join the totals. A run's figures that come after its end, or
 * after a later run's, are late and ignored: nothing is counted twice and no counter goes back.
 * Histograms are fed the growth of the run's own records, which start from nothing with each run.
 */
final class RunMetrics {
    /**
     * A node's share of one run's figures at one moment: the counters of no single CPU, or of CPUs
     * summed ({@link AllocStats#toVector()}; null for none), each CPU's kept apart (empty for none),
     * fan-out, tree size and depot magazines per class (null if unknown), and the run's records of
     * latency and flush sizes as {@link HistogramFeed} counts (null for those the node does not keep).
     */
    record Share(long[] stats, List<CpuFigures.Cpu> eachCpu, long fanOutMessages, long fanOutBytes, long treeNodes,
                 int[] depotMagazines, long[] flushLatencyNanos, long[] pfnsPerFlush, long[][] allocationLatencyNanos) {
        static Share cpus(CpuFigures f) {
            List<CpuFigures.Cpu> each = f.eachCpu();
            return new Share(each == null ? f.stats() : null, each == null ? List.of() : each, 0, 0, StatsSnapshot.ABSENT,
                    null, null, null, allocationLatency(f));
        }

        static Share tree(TreeReports.TreeReport t) {
            TreeReports.FlushFigures f = t.flush();
            return new Share(t.stats(), List.of(), f.messages(), f.fanoutBytes(), t.tree().nodes(),
                    t.depotMagazines(), HistogramFeed.countsOf(f.latencyNanos()), f.pfnsPerFlush(), null);
        }

        /** One JVM: the tree owner's figures and its CPUs' together. */
        static Share machine(TreeReports.TreeReport t, CpuFigures cpus) {
            Share tree = tree(t);
            Share each = cpus(cpus);
            long[] both = tree.stats().clone();
            if (each.stats() != null) AllocStats.addVectors(both, each.stats());
            return new Share(both, each.eachCpu(), tree.fanOutMessages(), tree.fanOutBytes(), tree.treeNodes(),
                    tree.depotMagazines(), tree.flushLatencyNanos(), tree.pfnsPerFlush(), each.allocationLatencyNanos());
        }

        /** A one-JVM run's report, whatever its engine: counters only. */
        static Share report(RunReport r) {
            boolean fanOut = r.has("fanout_messages");
            return new Share(StandardReport.stats(r).toVector(), List.of(), fanOut ? r.longValue("fanout_messages") : 0,
                    fanOut ? r.longValue("fanout_bytes") : 0, r.has("tree_nodes") ? r.longValue("tree_nodes") : StatsSnapshot.ABSENT,
                    null, null, null, null);
        }

        /** A lock-step actor replay's counters so far, each CPU actor's apart with {@code eachCpu}. */
        static Share replay(ActorTarget t, boolean eachCpu) {
            return eachCpu ? new Share(t.ownersStats().toVector(), t.cpuStats(), 0, 0, StatsSnapshot.ABSENT, null, null, null, null)
                    : new Share(t.stats().toVector(), List.of(), 0, 0, StatsSnapshot.ABSENT, null, null, null, null);
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

    /** Whether shares should keep each CPU's counters apart: only when the series carry the {@code cpu} label. */
    boolean eachCpu() {
        return metrics.perCpu();
    }

    /** Run {@code run}'s share so far, or its final one; runs are numbered in the order they start on this node. */
    synchronized void take(String policy, long run, Share s, boolean last) {
        byPolicy.computeIfAbsent(policy, Runs::new).take(run, s, last);
    }

    /** What a cpu node's host hands over: its CPUs' figures summed (and each CPU's, with per-CPU labels). */
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

            @Override
            public boolean eachCpu() {
                return RunMetrics.this.eachCpu();
            }
        };
    }

    /**
     * One policy's runs on this node: the run going on, and a {@link Series} for the counters of no
     * single CPU (which also carries the fan-out, the gauges and the records) and one per CPU.
     */
    private final class Runs {
        private final String policy;
        private final Series whole;
        private final Map<Integer, Series> byCpu = new HashMap<>();
        private long endedMessages;
        private long endedBytes;
        private long currentMessages;
        private long currentBytes;
        private long publishedMessages;
        private long publishedBytes;
        private long run = Long.MIN_VALUE;
        private boolean over;

        Runs(String policy) {
            this.policy = policy;
            this.whole = new Series(metrics.publisher(policy));
        }

        void take(long r, Share s, boolean last) {
            if (late(r)) return;
            if (r > run) begin(r);
            publish(s);
            over = last;
            if (last) settle();
        }

        private boolean late(long r) {
            return r < run || r == run && over;
        }

        /** A run that never ended (its node gave up on it) keeps what it published: counters cannot go back. */
        private void begin(long r) {
            settle();
            run = r;
            over = false;
            whole.publisher.restartRecords();
        }

        /** The run's latest figures join the ended runs' totals. */
        private void settle() {
            whole.settle();
            for (Series c : byCpu.values()) c.settle();
            endedMessages += currentMessages;
            endedBytes += currentBytes;
            currentMessages = 0;
            currentBytes = 0;
        }

        private void publish(Share s) {
            if (s.stats() != null) whole.show(s.stats(), s.treeNodes(), s.depotMagazines());
            for (CpuFigures.Cpu c : s.eachCpu()) {
                byCpu.computeIfAbsent(c.cpu(), cpu -> new Series(metrics.publisher(policy, cpu)))
                        .show(c.stats(), StatsSnapshot.ABSENT, null);
            }
            currentMessages = s.fanOutMessages();
            currentBytes = s.fanOutBytes();
            long messages = endedMessages + currentMessages;
            long bytes = endedBytes + currentBytes;
            whole.publisher.recordFanOut(messages - publishedMessages, bytes - publishedBytes);
            publishedMessages = messages;
            publishedBytes = bytes;
            whole.publisher.publishRecords(s.flushLatencyNanos(), s.pfnsPerFlush(), s.allocationLatencyNanos());
        }
    }

    /** One series of counters (a policy's, of one CPU or of none): the ended runs' totals and the run going on. */
    private static final class Series {
        private final StatsPublisher publisher;
        /** The ended runs' counters, null before the first ends (its class count is the policy's). */
        private long[] ended;
        /** The latest counters of the run going on, null when none since the last settlement. */
        private long[] current;

        Series(StatsPublisher publisher) {
            this.publisher = publisher;
        }

        void show(long[] stats, long treeNodes, int[] depotMagazines) {
            current = stats;
            AllocStats total = AllocStats.fromVector(stats);
            if (ended != null) total.addVector(ended);
            publisher.publish(StatsSnapshot.of(total, treeNodes, depotMagazines));
        }

        void settle() {
            if (current == null) return;
            if (ended == null) ended = current.clone();
            else AllocStats.addVectors(ended, current);
            current = null;
        }
    }
}
