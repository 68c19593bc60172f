package dev.iovasim.cli;

import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.StatsVector;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.StatsPublisher;
import dev.iovasim.metrics.StatsSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * A cluster node's share of each run's figures, by policy, under the counting rule: a cpu node
 * adds its CPUs' counters (allocations, frees, magazine and depot traffic); the tree node adds the
 * tree owner's (flushes and what they returned) and the flush fan-out's messages and bytes. Summed
 * over the nodes, every counter equals the run report's.
 */
final class RunMetrics {
    private final IovasimMetrics metrics;
    private final Map<String, StatsPublisher> publishers = new HashMap<>();
    private final Map<String, AllocStats> totals = new HashMap<>();

    RunMetrics(IovasimMetrics metrics) {
        this.metrics = metrics;
    }

    synchronized void publishCpus(String policy, CpuActor.CpuReport[] reports) {
        AllocStats total = totals.computeIfAbsent(policy, p -> new AllocStats());
        for (CpuActor.CpuReport r : reports) StatsVector.addTo(total, r.stats());
        publisher(policy).publish(StatsSnapshot.of(total));
    }

    synchronized void publishTree(String policy, TreeOwnerActor.TreeReport t) {
        AllocStats total = totals.computeIfAbsent(policy, p -> new AllocStats());
        StatsVector.addTo(total, t.stats());
        StatsPublisher p = publisher(policy);
        p.publish(StatsSnapshot.of(total));
        p.recordFanOut(t.messagesSent() + t.messagesReceived(), t.fanoutBytes());
    }

    private StatsPublisher publisher(String policy) {
        return publishers.computeIfAbsent(policy, metrics::publisher);
    }
}
