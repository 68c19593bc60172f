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

    /** A bad value given as a flag names the flag; given in a file, its key. */
    @Test
    void badValuesAreNamed() throws IOException {
        assertRefused("--fanout", "node", "--role", "tree", "--fanout", "sideways");
        assertRefused("--cpus", "node", "--role", "tree", "--cpus", "many");
        assertRefused("--policy", "node", "--role", "cpus", "--policy", "linux-9.9");
        // the cluster address: not --seed, which is the workload's random seed
        assertRefused("--seed-node", "node", "--role", "cpus", "--seed-node", "nohostport");
        assertRefused("--seed-node", "node", "--role", "cpus", "--seed-node", "host:99999");
        assertRefused("--seed", "node", "--role", "cpus", "--seed", "x");
        // a mixin's flag (LinkDelayOption) reaches the settings as node's own flags do
        assertRefused("--link-delay", "node", "--role", "tree", "--link-delay", "soon");
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "iovasim.join-timeout = soon\n");
        assertRefused("iovasim.join-timeout", "node", "--role", "cpus", "--config", conf.toString());
        Files.writeString(conf, "iovasim.seed = nohostport\n");
        assertRefused("iovasim.seed", "node", "--role", "cpus", "--config", conf.toString());
        assertRefused("--role", "node");
        assertRefused("--role", "node", "--role", "leaf");
    }

    /** A bad value from the environment names its variable (a JVM of its own: this one's environment is fixed). */
    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                dev.iovasim.cluster.TestJvms.SHORT_LIVED, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "node", "--role", "cpus");
        pb.environment().put("IOVASIM_SEED", "nohostport");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.startsWith("error: IOVASIM_SEED: expected HOST:PORT, got 'nohostport'"), out);
    }

    private static void assertRefused(String named, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().startsWith("error: " + named + ": "), r.err());
    }

    private static int freePort() throws IOException {
        return dev.iovasim.cluster.FreePorts.one();
    }
}
