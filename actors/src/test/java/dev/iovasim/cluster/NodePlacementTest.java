package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --node-hosts and --link-delay as NodePlacement reads them, and the node's iovasim.link-delay. */
class NodePlacementTest {
    @Test
    void withoutAListEveryNodeIsOnLoopbackWithNoDelay() {
        NodePlacement p = NodePlacement.parse(null, null, 3);
        assertEquals("127.0.0.1", p.treeHost());
        assertEquals(List.of(new NodePlacement.Host(null, "127.0.0.1"), new NodePlacement.Host(null, "127.0.0.1")), p.cpuHosts());
        assertEquals(List.of(), p.cpuHosts().get(0).launcher());
        assertEquals(Duration.ZERO, p.linkDelay());
    }

    @Test
    void aCpuNodeWithANamespaceIsStartedInIt() {
        NodePlacement p = NodePlacement.parse("192.0.2.1, h2@192.0.2.2,192.0.2.3", "100us", 3);
        assertEquals("192.0.2.1", p.treeHost());
        assertEquals(List.of("ip", "netns", "exec", "h2"), p.cpuHosts().get(0).launcher());
        assertEquals(List.of(), p.cpuHosts().get(1).launcher());
        assertEquals("192.0.2.3", p.cpuHosts().get(1).address());
        assertEquals(Duration.ofNanos(100_000), p.linkDelay());
        assertEquals("100000ns", p.linkDelayFlag());
    }

    @Test
    void badListsAndDelaysAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodePlacement.parse("192.0.2.1,192.0.2.2", null, 3))
                .getMessage().contains("expected 3 entries (one per JVM, the tree node's first), got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodePlacement.parse("h1@192.0.2.1,192.0.2.2", null, 2))
                .getMessage().contains("run the command in h1 instead"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodePlacement.parse("192.0.2.1,h 2@x", null, 2))
                .getMessage().contains("expected [NETNS@]ADDRESS, got 'h 2@x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodePlacement.parse(null, "soon", 2))
                .getMessage().contains("expected a duration such as 100us or 1ms, got 'soon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodePlacement.parse(null, "11s", 2))
                .getMessage().contains("must be in 0..10s, got '11s'"));
    }

    @Test
    void theNodeSettingChecksItsValueToo() {
        assertEquals(Duration.ofMillis(1), NodeSettings.load("cpus", null, Map.of("link-delay", "1ms")).linkDelay());
        assertEquals(Duration.ZERO, NodeSettings.load("cpus", null, Map.of()).linkDelay());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.load("cpus", null, Map.of("link-delay", "-1ms")));
        // given as a flag's value, the message names the flag
        assertTrue(e.getMessage().startsWith("--link-delay: must be in 0..10s"), e.getMessage());
    }
}
