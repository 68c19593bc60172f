package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.RcacheLadder;
import dev.iovasim.allocator.conformance.ConformanceCheck;
import dev.iovasim.allocator.conformance.ConformanceSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One ladder, two engines: a policy switch that changes an rcache decision of {@link RcacheLadder}
 * (alloc_iova_fast / free_iova_fast: the magazine's size, the depot's bound, whether the caller's
 * flush argument exists) changes both engines' output on the conformance traces, and changes it
 * identically. The traces are cut to their first lines to keep the suite short.
 */
class PolicySwitchBothEnginesTest {
    private static final int LINES = 10_000;
    private static final Policy BASE = Policy.LINUX_6_1;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"magazine-size=2", "depot-limit=0", "caller-flush=off"})
    void flippedSwitchChangesBothEnginesAlike(String keyValue) throws Exception {
        Policy flipped = PolicySwitches.apply(BASE, keyValue);
        assertNotEquals(BASE.name(), flipped.name(), keyValue + " must change linux-6.1");
        List<String> traces = ConformanceSet.runnable().stream().map(ConformanceCheck::trace).distinct().toList();
        int changed = 0;
        for (String trace : traces) {
            byte[] head = ConformanceSet.head(trace, LINES);
            EngineComparison.requireSameOutput(trace + " under " + flipped.name(), head, flipped);
            if (!results(head, flipped).equals(results(head, BASE))) changed++;
        }
        assertTrue(changed > 0, keyValue + " changed no conformance trace's output: the switch is not in the ladder");
    }

    /** The reference engine's output without its engine line (which names the policy, so always differs). */
    private static List<String> results(byte[] trace, Policy policy) throws Exception {
        return EngineComparison.reference(trace, policy).stream().filter(l -> !l.startsWith("# engine ")).toList();
    }
}
