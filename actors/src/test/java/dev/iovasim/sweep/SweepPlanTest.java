package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
    static Map<String, String> args(String... overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", "2,4");
        m.put("nodes", "1");
        m.put("policy", "linux-4.14,linux-6.1");
        m.put("workload", "sac-pressure");
        m.put("engine", "reference");
        m.put("fanout", "direct");
        m.put("ops", "1000");
        m.put("repeat", "2");
        m.put("seed", "7");
        for (int i = 0; i < overrides.length; i += 2) m.put(overrides[i], overrides[i + 1]);
        return m;
    }

    private static String error(String... overrides) {
        return assertThrows(IllegalArgumentException.class, () -> new SweepPlan(args(overrides))).getMessage();
    }

    @Test
    void crossProductRunsRepeatsInnermostAndSeedsByRepeat() {
        List<SweepPoint> ps = new SweepPlan(args("policy", "LINUX-6.1 , linux-4.14")).points();
        assertEquals(8, ps.size());
        assertEquals(new SweepPoint(2, 1, "linux-6.1", "sac-pressure", "reference", "direct", 0, 1000, 7), ps.get(0));
        assertEquals(new SweepPoint(2, 1, "linux-6.1", "sac-pressure", "reference", "direct", 1, 1000, 8), ps.get(1));
        assertEquals(4, ps.get(2).cpus());
        assertEquals("linux-4.14", ps.get(4).policy());
        assertEquals("linux-6.1,linux-4.14", new SweepPlan(args("policy", "LINUX-6.1 , linux-4.14")).args().get("policy"));
    }

    @Test
    void badValuesNameTheirFlag() {
        assertEquals("--cpus: must be at least 1, got 0", error("cpus", "0"));
        assertEquals("--cpus: 'x' is not a whole number", error("cpus", "4,x"));
        assertEquals("--cpus: empty list", error("cpus", ""));
        assertEquals("--cpus: empty item in '2,,4'", error("cpus", "2,,4"));
        assertEquals("--cpus: 4 is listed twice in '4,2,4'", error("cpus", "4,2,4"));
        assertTrue(error("policy", "linux-4.14,linux-9").startsWith("--policy: unknown policy 'linux-9' (valid: linux-4.14"));
        assertEquals("--policy: linux-6.1 is listed twice in 'linux-6.1,LINUX-6.1'", error("policy", "linux-6.1,LINUX-6.1"));
        assertEquals("--repeat: must be at least 1, got 0", error("repeat", "0"));
        assertEquals("--ops: must be at least 1, got -5", error("ops", "-5"));
        assertTrue(error("fanout", "broadcast").startsWith("--fanout: unknown fan-out 'broadcast'"));
        assertTrue(error("engine", "Akka!").startsWith("--engine: 'Akka!' is not a name"));
        // the most nodes with the fewest CPUs: the tree node and a CPU for each cpu node
        assertEquals("--nodes 4: its 3 cpu nodes need at least 3 CPUs (one each), got --cpus 2", error("nodes", "1,4"));
        assertEquals(3, new SweepPlan(args("nodes", "3", "cpus", "2,4")).nodes().get(0));
        // simulate's limits (RunLimits)
        assertEquals("--cpus: must be at most 4096, got 4097", error("cpus", "2,4097"));
        assertEquals("--ops: must be at most 1000000000, got 1000000001", error("ops", "1000000001"));
        assertEquals("--nodes: must be at most 33, got 34", error("nodes", "34", "cpus", "64"));
        assertTrue(error("fanout", "direct,per-node").startsWith("--fanout per-node: needs --nodes 2 or more"));
        assertEquals(List.of("per-node"), new SweepPlan(args("fanout", "per-node", "nodes", "2")).fanouts());
    }

    /** Workloads with parameters, as simulate takes them: a comma before a name starts the next workload. */
    @Test
    void workloadsCarryTheirParameters() {
        SweepPlan p = new SweepPlan(args("workload", "nic:ring=256,remote=0.3, nic:ring=1024,storage"));
        assertEquals(List.of("nic:ring=256,remote=0.3", "nic:ring=1024", "storage"), p.workloads());
        assertEquals("nic:ring=256,remote=0.3,nic:ring=1024,storage", p.args().get("workload"), "plan.txt's form reads back the same");
        assertEquals(p.workloads(), new SweepPlan(args("workload", p.args().get("workload"))).workloads());
        assertTrue(error("workload", "nic:rings=2").startsWith("--workload: "), error("workload", "nic:rings=2"));
        assertTrue(error("workload", "bogus").startsWith("--workload: unknown workload 'bogus'"), error("workload", "bogus"));
        assertTrue(error("workload", "nic,trace:x.trace").startsWith("--workload: a trace's CPUs are its own"));
        assertEquals("--workload: nic:ring=8 is listed twice in 'nic:ring=8,nic:ring=8'", error("workload", "nic:ring=8,nic:ring=8"));
    }
}
