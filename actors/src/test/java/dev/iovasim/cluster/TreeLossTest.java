package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the tree node (tree owner, depot, run coordinator) in the middle of a run started
 * by hand ({@code node --role tree} and two {@code node --role cpus}): every cpu node names the
 * lost node, prints its CPUs' figures up to the loss and exits with status 4; no JVM is left.
 */
class TreeLossTest {
    @Test
    @Timeout(120)
    void losingTheTreeNodeEndsEveryCpuNodeWithItsPartialReport() throws Exception {
        int port = FreePorts.one();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", TestJvms.SHORT_LIVED);
        try (LocalCluster tree = start(1, "tree", List.of("node", "--role", "tree", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--cpu-nodes", "2", "--cpus", "16", "--policy", "linux-4.14",
                "--ops", "100000000"), jvm, log);
             LocalCluster cpus = start(2, "cpus", List.of("node", "--role", "cpus", "--seed-node",
                     "127.0.0.1:" + port, "--host", "127.0.0.1", "--port", "0"), jvm, log)) {
            awaitLines(bytes, "(linux-4.14) is running on node", 2, 90); // both have live figures of the run
            assertTrue(tree.processes().get(0).isAlive(), "the tree node must still be running: " + text(bytes));
            tree.processes().get(0).destroyForcibly(); // like kill -9
            long killed = System.nanoTime();
            for (Process p : cpus.processes()) {
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "a cpu node outlived the tree node: " + text(bytes));
                assertEquals(4, p.exitValue(), text(bytes));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
            String out = text(bytes);
            assertTrue(out.contains("error: lost the tree node akka://iovasim@127.0.0.1:" + port + " (unreachable)"), out);
            for (String node : List.of("cpus-1", "cpus-2")) {
                assertTrue(out.contains("[" + node + "] partial report of node " + node + ": its CPUs in run 1 (linux-4.14)"), out);
            }
            assertTrue(out.matches("(?s).*\\[cpus-1]   allocations +[1-9][0-9]*\n.*"), out);
            for (Process p : cpus.processes()) assertEquals(0L, p.descendants().count());
            System.out.println("tree loss: cpu nodes ended " + seconds + " s after the kill");
        }
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private static void awaitLines(ByteArrayOutputStream b, String word, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String t = text(b);
            int n = 0;
            for (int at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + 1)) n++;
            if (n >= count) return;
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " '" + word + "' lines: " + text(b));
    }

    /** {@code count} children of {@code name}, each with the same arguments, on this host. */
    private static LocalCluster start(int count, String name, List<String> args, List<String> jvm, PrintStream log)
            throws IOException {
        return LocalCluster.start(name, Collections.nCopies(count, List.of()), Collections.nCopies(count, args), jvm, Map.of(), log);
    }
}
