package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.AddressFromURIString;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.JoinSeedNodes;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A process on the same host probing a tree node's Artery port: garbage and a forged giant frame
 * do not break it, a JVM with another cluster secret can neither join nor have a message
 * accepted (refused and counted), and a node with the secret still joins afterwards.
 */
class ForeignNodeTest {
    private static final String SECRET = "the-run's-secret";

    @Test
    @Timeout(120)
    void garbageAndForeignNodesAreRefusedAndTheClusterGoesOn() throws Exception {
        try (TreeNode tree = new TreeNode(settings("tree", SECRET, 0))) {
            int port = tree.port();
            sendGarbage(port);
            ActorSystem<Void> foreign = system("cpus", "another secret", port);
            try {
                long refused = WireStats.refusedMessages();
                // a Stop as a cpu host would get it, sent without joining: Artery carries it, the tag refuses it
                foreign.classicSystem().actorSelection("akka://iovasim@127.0.0.1:" + port + "/user")
                        .tell(new CpuHost.Stop(), akka.actor.ActorRef.noSender());
                awaitTrue(() -> WireStats.refusedMessages() > refused, 30, "the forged message was not refused");
                Cluster.get(foreign).manager().tell(new JoinSeedNodes(List.of(AddressFromURIString.parse(
                        "akka://iovasim@127.0.0.1:" + port))));
                Thread.sleep(5_000);
                assertTrue(Cluster.get(foreign).selfMember().status() != MemberStatus.up(), "a foreign node joined");
                assertEquals(1, Cluster.get(tree.system()).state().members().size(), "only the tree node is a member");
            } finally {
                foreign.terminate();
            }
            ActorSystem<Void> friend = system("cpus", SECRET, port);
            try {
                Cluster.get(friend).manager().tell(new JoinSeedNodes(List.of(AddressFromURIString.parse(
                        "akka://iovasim@127.0.0.1:" + port))));
                awaitTrue(() -> Cluster.get(friend).selfMember().status() == MemberStatus.up(), 60,
                        "a node with the secret could not join after the probes");
            } finally {
                friend.terminate();
            }
        }
    }

    /** /metrics of a node listens where its cluster port does unless told: not on every interface. */
    @Test
    void metricsListenOnTheNodesOwnAddressByDefault() {
        assertEquals("127.0.0.2", NodeSettings.load("cpus", null, Map.of("host", "127.0.0.2")).metricsHost());
        assertEquals("0.0.0.0", NodeSettings.load("cpus", null, Map.of("host", "127.0.0.2", "metrics-host", "0.0.0.0"))
                .metricsHost());
        assertEquals("127.0.0.1", dev.iovasim.metrics.MetricsServer.DEFAULT_HOST);
    }

    /** 64 KiB of noise, then Artery's TCP header with a frame announcing 2 GiB: each connection is dropped. */
    private static void sendGarbage(int port) throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(1).nextBytes(noise);
        try (Socket s = new Socket("127.0.0.1", port)) {
            write(s, noise);
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
            b.put("AKKA".getBytes()).put((byte) 2).putInt(Integer.MAX_VALUE).putInt(0);
            write(s, b.array());
            write(s, noise);
        }
    }

    /** The peer may close first: that is the refusal. */
    private static void write(Socket s, byte[] bytes) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (java.io.IOException e) {
            // dropped by the node
        }
    }

    private static NodeSettings settings(String role, String secret, int seedPort) {
        return NodeSettings.load(role, null, Map.of("host", "127.0.0.1", "port", 0, "cluster-secret", secret,
                "seed", "127.0.0.1:" + (seedPort == 0 ? 25520 : seedPort)));
    }

    private static ActorSystem<Void> system(String role, String secret, int seedPort) {
        return ActorSystem.create(Behaviors.empty(), "iovasim", settings(role, secret, seedPort).akkaConfig());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " within " + seconds + " s");
            Thread.sleep(100);
        }
    }
}
