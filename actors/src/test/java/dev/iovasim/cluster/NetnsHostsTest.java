package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster across three hosts: network namespaces on a bridge, 192.0.2.1-3 (scripts/netns-hosts),
 * the tree node (the command's JVM) in the first, a cpu-node JVM in each other one, started with
 * {@code ip netns exec}. Needs root (as CI runs); skipped, saying why, without it. Everything it
 * creates is removed after, on failure too (and by a shutdown hook, and by the next run's reap).
 */
class NetnsHostsTest {
    private static final Pattern GATHER = Pattern.compile("fan-out \\+ gather .* p50: ([0-9.]+) ");
    private static NetnsHosts hosts;
    private static Path project;

    @BeforeAll
    static void up() throws Exception {
        String why = NetnsHosts.unavailable();
        assumeTrue(why == null, "skipped: " + why);
        project = project();
        hosts = NetnsHosts.up(project, 3);
    }

    @AfterAll
    static void down() throws Exception {
        if (hosts == null) return;
        hosts.close();
        assertTrue(hosts.gone(), "every namespace, veth and the bridge of " + hosts.name + " are removed");
    }

    private static List<String> clusterFlags(String fanout) {
        return List.of("--nodes", "3", "--fanout", fanout, "--node-hosts", NetnsHosts.address(1) + ","
                + hosts.ns(2) + "@" + NetnsHosts.address(2) + "," + hosts.ns(3) + "@" + NetnsHosts.address(3));
    }

    @Test
    void replayAcrossNamespacesPrintsWhatTheReferenceEnginePrints() throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", project.resolve("examples/sac-flush.trace").toString(),
                "--policy", "linux-4.14"));
        args.addAll(clusterFlags("per-node"));
        NetnsHosts.Run r = hosts.iovasim(1, args, 150);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("at 192.0.2.1," + hosts.ns(2) + "@192.0.2.2"), r.err());
        assertTrue(r.err().contains("cpu node(s) akka://iovasim@192.0.2.2:"), "a cpu node in the second namespace: " + r.err());
        assertTrue(r.err().contains(",akka://iovasim@192.0.2.3:"), "a cpu node in the third namespace: " + r.err());
        assertTrue(r.err().contains(" joined the tree node at 192.0.2.1:"), "joined at the tree node's namespace address: " + r.err());
        assertEquals(Files.readString(project.resolve("examples/sac-flush.linux-4.14.out")), r.out());
    }

    @Test
    void flushbenchAcrossNamespaces() throws Exception {
        double p50 = flushbench("direct", List.of());
        assertTrue(p50 > 0);
    }

    /**
     * A 1 ms one-way delay in user space (--link-delay: this kernel may lack sch_netem): a round is
     * a Flush out and an answer back, two one-way trips, so no round is shorter than 2 ms. (A lower
     * bound only: a slow machine cannot make this fail.)
     */
    @Test
    void userSpaceLinkDelayOf1msMakesEveryRoundTakeTwoDelays() throws Exception {
        double p50 = flushbench("per-node", List.of("--link-delay", "1ms"));
        assertTrue(p50 >= 2000, "p50 " + p50 + " us with 1 ms each way");
    }

    /** The same with the kernel's {@code tc netem delay 1ms} on every host's eth0, where the kernel has it. */
    @Test
    void netemDelayOf1msMakesEveryRoundTakeTwoDelays() throws Exception {
        assumeTrue(hosts.hasNetem(), "skipped: this kernel has no sch_netem ('tc qdisc ... netem': unknown qdisc kind);"
                + " the user-space --link-delay test covers the delay");
        hosts.netem("1ms");
        try {
            double p50 = flushbench("per-node", List.of());
            assertTrue(p50 >= 2000, "p50 " + p50 + " us with 1 ms each way");
        } finally {
            hosts.netem("0ms");
        }
    }

    /** A short flushbench from the first namespace; the fan-out + gather p50 in µs. */
    private static double flushbench(String fanout, List<String> more) throws Exception {
        List<String> args = new ArrayList<>(List.of("flushbench", "--cpus", "24", "--rounds", "20", "--warmup", "40",
                "--magazine-fill", "0.05"));
        args.addAll(clusterFlags(fanout));
        args.addAll(more);
        NetnsHosts.Run r = hosts.iovasim(1, args, 150);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("24 CPU actors, 3 node(s), fan-out " + fanout), r.out());
        Matcher m = GATHER.matcher(r.out());
        assertTrue(m.find(), r.out());
        return Double.parseDouble(m.group(1));
    }

    private static Path project() {
        Path p = Path.of(System.getProperty("iovasim.root", "..")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/netns-hosts"))) p = p.getParent();
        return p;
    }
}
