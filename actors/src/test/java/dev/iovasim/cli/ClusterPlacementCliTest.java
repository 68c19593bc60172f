package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --node-hosts, --link-delay and --tls misuse: exit 2 with the flag named, before any JVM starts. */
class ClusterPlacementCliTest {
    @Test
    void placementFlagsNeedACluster() {
        CliRun r = CliRun.of("flushbench", "--cpus", "4", "--link-delay", "1ms");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--link-delay: needs --nodes 2 or more"), r.err());
        r = CliRun.of("flushbench", "--cpus", "4", "--node-hosts", "127.0.0.1");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--node-hosts: needs --nodes 2 or more"), r.err());
        r = CliRun.of("replay", "-", "--tls");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--tls: needs --nodes 2 or more"), r.err());
    }

    @Test
    void badPlacementsAreNamed() {
        CliRun r = CliRun.of("flushbench", "--cpus", "4", "--nodes", "3", "--node-hosts", "127.0.0.1,127.0.0.1");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--node-hosts: expected 3 entries"), r.err());
        r = CliRun.of("flushbench", "--cpus", "4", "--nodes", "2", "--link-delay", "later");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--link-delay: expected a duration such as 100us or 1ms, got 'later'"), r.err());
    }
}
