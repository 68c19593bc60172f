package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import java.util.Map;

/**
 * What a free-running actor run did: the reference engine's counters plus what the messages cost.
 *
 * @param seconds          wall time of the run phase (setup excluded)
 * @param ops              workload operations the CPUs ran
 * @param flushLatency     every flush's latency (its count: how many flushes)
 * @param fanoutMessages   flush requests sent plus answers received
 * @param fanoutBytes      bytes those messages put on a network: 0 in one JVM
 * @param allocLatency     every allocation's latency, request to answer
 * @param allocByOutcome   the same by outcome name (rcache, depot, tree, failed)
 * @param errors           answers that did not come in time (each is also a failed operation)
 * @param treeWork         the tree owner's work counters, for work units
 * @param lost             CPUs lost with their cluster node, and what was reclaimed from them
 */
public record ActorRunResult(long ops, double seconds, AllocStats stats,
                             LatencySummary flushLatency, long fanoutMessages, long fanoutBytes, LatencySummary allocLatency,
                             Map<String, LatencySummary> allocByOutcome, Conservation.Result conservation,
                             long errors, String firstError, TreeReports.TreeWork treeWork, Lost lost) {

    /**
     * CPUs hot-unplugged by the loss of their node, in CPU order, and the ranges the tree owner
     * took back because nobody surviving held them any more (their magazines and their
     * workloads' mappings).
     */
    public record Lost(int[] cpus, long reclaimedPfns) {
    }
}
