package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gap-guided search must report the work of the kernel's walk, node for node: a report's
 * work units may not depend on {@code --search}.
 */
class GapSearchWorkTest {

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({"c1-basic,linux-4.15", "c1-basic,linux-6.1", "c4-hotplug,linux-6.1", "c4-hotplug,linux-6.7",
        "c5-fail,linux-4.15", "c5-fail,linux-6.1", "c5-fail,linux-6.7", "c2-sac,linux-6.1"})
    void gapSearchCountsTheWalksNodes(String trace, String preset) throws Exception {
        Policy policy = Policy.byName(preset);
        assertEquals(visited(trace, policy, false), visited(trace, policy, true));
    }

    private static long visited(String trace, Policy policy, boolean gaps) throws Exception {
        AllocatorTarget[] target = new AllocatorTarget[1];
        try (InputStream in = ConformanceSet.open(trace + ".trace.xz")) {
            new Replay(cfg -> target[0] = AllocatorTarget.create(policy, cfg, gaps), w -> { }, 0)
                    .run(in, OutputStream.nullOutputStream());
        }
        return target[0].allocator().domain().nodesVisited();
    }
}
