package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.AddressFromURIString;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.JoinSeedNodes;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with mutual authentication (iovasim.tls-dir): a node holding the deployment's
 * key joins; one with another key, or without TLS, never becomes a member, even with the right
 * cluster secret (which the same-host attacker of docs/cluster-notes.md finding 6 could read).
 */
class TlsNodeTest {
    private static final String SECRET = "a secret the attacker knows";

    @Test
    @Timeout(120)
    void onlyANodeWithTheDeploymentsKeyJoins(@TempDir Path tmp) throws Exception {
        Path ours = tmp.resolve("ours");
        Path theirs = tmp.resolve("theirs");
        TlsKeys.generate(ours);
        TlsKeys.generate(theirs);
        try (TreeNode tree = new TreeNode(settings("tree", ours, 0))) {
            int port = tree.port();
            assertEquals("tls-tcp", tree.system().settings().config().getString("akka.remote.artery.transport"));
            for (Path other : new Path[] {theirs, null}) {
                ActorSystem<Void> stranger = system(other, port);
                try {
                    join(stranger, port);
                    Thread.sleep(5_000);
                    assertTrue(Cluster.get(stranger).selfMember().status() != MemberStatus.up(),
                            (other == null ? "a plain-TCP node" : "a node with another key") + " joined");
                    assertEquals(1, Cluster.get(tree.system()).state().members().size(), "only the tree node is a member");
                } finally {
                    stranger.terminate();
                }
            }
            ActorSystem<Void> friend = system(ours, port);
            try {
                join(friend, port);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (Cluster.get(friend).selfMember().status() != MemberStatus.up()) {
                    if (System.nanoTime() > deadline) throw new AssertionError("a node with the key did not join within 60 s");
                    Thread.sleep(100);
                }
            } finally {
                friend.terminate();
            }
        }
    }

    @Test
    void keysAreOwnerOnlyAndNeverReplaced(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("keys");
        TlsKeys.generate(dir);
        for (String f : List.of(TlsKeys.KEYSTORE, TlsKeys.TRUSTSTORE, TlsKeys.PASSWORD)) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(dir.resolve(f)), f);
        }
        byte[] key = Files.readAllBytes(dir.resolve(TlsKeys.KEYSTORE));
        assertThrows(FileAlreadyExistsException.class, () -> TlsKeys.generate(dir));
        assertTrue(java.util.Arrays.equals(key, Files.readAllBytes(dir.resolve(TlsKeys.KEYSTORE))), "the key was replaced");
        TlsKeys.delete(dir);
        assertTrue(!Files.exists(dir), "delete leaves nothing");
    }

    @Test
    void aDirectoryWithoutKeysIsRefusedNamingTheKey(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("cpus", tmp, 25520));
        // given as a flag's value (node --tls-dir), the message names the flag, once
        assertTrue(e.getMessage().startsWith("--tls-dir: no readable keystore.p12 in " + tmp), e.getMessage());
    }

    private static NodeSettings settings(String role, Path tls, int seedPort) {
        Map<String, Object> flags = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0, "cluster-secret", SECRET,
                "seed", "127.0.0.1:" + (seedPort == 0 ? 25520 : seedPort)));
        if (tls != null) flags.put(TlsKeys.KEY, tls.toString());
        return NodeSettings.load(role, null, flags);
    }

    private static ActorSystem<Void> system(Path tls, int seedPort) {
        return ActorSystem.create(Behaviors.empty(), "iovasim", settings("cpus", tls, seedPort).akkaConfig());
    }

    private static void join(ActorSystem<Void> node, int port) {
        Cluster.get(node).manager().tell(new JoinSeedNodes(List.of(AddressFromURIString.parse("akka://iovasim@127.0.0.1:" + port))));
    }
}
