package dev.iovasim.actors;

import org.HdrHistogram.AbstractHistogram;

/**
 * The tree owner's answer to {@link TreeOwnerActor.Report} and its parts: its counters, the flushes
 * it coordinated and its domain's work. They cross JVMs (a cluster's tree node reports to the
 * command), so this is a protocol of its own in {@code wire.protocols}; it sorts after the tree
 * owner, so the registration ids of the fan-out messages do not move.
 */
public final class TreeReports {

    private TreeReports() {
    }

    /**
     * What the tree owner counted, by kind.
     *
     * @param stats          the tree owner's counters ({@link AllocStats#toVector()}): flushes and what they returned
     * @param flush          the flushes it coordinated, summed, with their cost
     * @param tree           its domain's work and size
     * @param errors         answers that did not come in time
     * @param firstError     the first of them, or null
     * @param depotMagazines full magazines per size class in the depot, or null if it did not answer in time
     */
    public record TreeReport(long[] stats, FlushFigures flush, TreeWork tree, long errors, String firstError,
                             int[] depotMagazines) implements WireMessage {
    }

    /**
     * Every flush of a run summed, as the tree owner's {@link FlushLog} kept them (what they
     * returned is in the counters).
     *
     * @param messages     flush requests sent plus answers received
     * @param fanoutBytes  bytes the fan-out put on a network: 0 in one JVM
     * @param latency      encoded HdrHistogram of flush wall latency in nanoseconds
     * @param pfnsPerFlush how many flushes returned each number of ranges: value, count pairs, ascending
     */
    public record FlushFigures(long messages, long fanoutBytes, byte[] latency, long[] pfnsPerFlush)
            implements WireMessage {
        public AbstractHistogram latencyNanos() {
            return LatencyBook.decode(latency);
        }
    }

    /** What the tree owner's domain counted: the kernel's search walk, inserts, erases, nodes at the end. */
    public record TreeWork(long nodesVisited, long inserts, long erases, int nodes) implements WireMessage {
    }
}
