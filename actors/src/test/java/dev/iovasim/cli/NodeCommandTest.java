package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code iovasim node}: each refused with a message naming what is wrong. */
class NodeCommandTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void unreachableSeedFailsWithinTheJoinTimeout() throws IOException {
        Path conf = dir.resolve("fast.conf");
        Files.writeString(conf, "iovasim.join-timeout = 3s\n");
        long start = System.nanoTime();
        CliRun r = CliRun.of("node", "--role", "cpus", "--seed-node", "127.0.0.1:" + freePort(), "--host", "127.0.0.1",
                "--port", "0", "--config", conf.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("cannot join the seed node 127.0.0.1:"), r.err());
        assertTrue(seconds < 30, "gave up after " + seconds + " s");
    }

    @Test
    void unknownConfigKeyIsNamed() throws IOException {
        Path conf = dir.resolve("typo.conf");
        Files.writeString(conf, "iovasim.cpu-node = 3\n");
        CliRun r = CliRun.of("node", "--role", "tree", "--config", conf.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("iovasim.cpu-node: unknown config key"), r.err());
    }

    @Test
    void badValuesAreNamed() throws IOException {
        assertRefused("iovasim.fanout", "node", "--role", "tree", "--fanout", "sideways");
        assertRefused("iovasim.cpus", "node", "--role", "tree", "--cpus", "many");
        assertRefused("iovasim.policy", "node", "--role", "cpus", "--policy", "linux-9.9");
        assertRefused("iovasim.seed", "node", "--role", "cpus", "--seed-node", "nohostport");
        // a mixin's flag (LinkDelayOption) reaches the settings as node's own flags do
        assertRefused("iovasim.link-delay", "node", "--role", "tree", "--link-delay", "soon");
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "iovasim.join-timeout = soon\n");
        assertRefused("iovasim.join-timeout", "node", "--role", "cpus", "--config", conf.toString());
        assertRefused("--role", "node");
        assertRefused("iovasim.role", "node", "--role", "leaf");
    }

    private static void assertRefused(String named, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains(named), r.err());
    }

    private static int freePort() throws IOException {
        return dev.iovasim.cluster.FreePorts.one();
    }
}
