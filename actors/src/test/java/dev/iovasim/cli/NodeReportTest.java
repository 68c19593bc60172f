package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.engine.RunReport;
import org.junit.jupiter.api.Test;

/** The tree node's report names the cluster's shape and any cpu node lost during the run. */
class NodeReportTest {
    @Test
    void aLostNodeIsNamedWithItsCpusAndTheReclaimedPfns() {
        RunReport r = new RunReport().put("nodes", 4).put("fanout", "per-node").put("lost_cpus", 32)
                .put("lost_cpu_list", "32-63").put("reclaimed_pfns", 1234);
        assertEquals(String.format("cluster nodes       4 (fan-out per-node)%n"
                + "lost CPUs           32 (32-63: their node left the cluster)%n"
                + "reclaimed pfns      1234%n"), NodeCommand.clusterLines(r));
    }

    @Test
    void noLossSaysNone() {
        RunReport r = new RunReport().put("nodes", 3).put("fanout", "direct").put("lost_cpus", 0).put("reclaimed_pfns", 0);
        assertEquals(String.format("cluster nodes       3 (fan-out direct)%nlost CPUs           none%nreclaimed pfns      0%n"),
                NodeCommand.clusterLines(r));
    }
}
