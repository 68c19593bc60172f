package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole cluster from one command ({@code simulate/replay/flushbench --nodes N}): this JVM is
 * the tree node on 127.0.0.1 with a free port, and N-1 cpu-node JVMs are started as local
 * processes that join it. Closing stops them all.
 *
 * @param tlsDir this run's TLS keys (deleted at the end), or null for plain TCP
 */
public record LocalClusterRun(TreeNode node, LocalCluster children, List<ActorRef<CpuHost.Command>> hosts, Path tlsDir)
        implements AutoCloseable {

    /**
     * @param nodes JVMs in all, the tree node (this one) included: at least 2
     * @param extraChildArgs more {@code node} flags for every cpu node
     */
    public static LocalClusterRun start(int nodes, List<String> extraChildArgs, PrintStream log) {
        return start(NodePlacement.loopback(nodes), extraChildArgs, false, log);
    }

    /**
     * The same, each JVM where {@code placement} says; with {@code tls}, Artery runs over TLS with mutual authentication on a key pair
     * made for this run alone ({@link TlsKeys}) and removed at its end.
     */
    public static LocalClusterRun start(NodePlacement placement, List<String> extraChildArgs, boolean tls, PrintStream log) {
        // a secret per run: only this run's JVMs join it and tag messages it accepts
        String secret = TlsKeys.randomHex(16);
        Path tlsDir = tls ? runKeys() : null;
        // the JVMs start side by side on what may be a busy machine (a test suite, 2 cores): a join
        // that takes longer than the packaged 30 s is slow, not failed
        Map<String, Object> treeFlags = new HashMap<>(Map.of("host", placement.treeHost(), "port", 0,
                "link-delay", placement.linkDelayFlag(), "cluster-secret", secret, "join-timeout", JOIN_TIMEOUT));
        Map<String, String> childEnv = new HashMap<>(Map.of("IOVASIM_CLUSTER_SECRET", secret, "IOVASIM_JOIN_TIMEOUT", JOIN_TIMEOUT));
        if (tlsDir != null) {
            treeFlags.put(TlsKeys.KEY, tlsDir.toString());
            childEnv.put("IOVASIM_TLS_DIR", tlsDir.toString());
        }
        TreeNode node = null;
        LocalCluster children = null;
        try {
            NodeSettings tree = NodeSettings.load("tree", null, treeFlags);
            node = new TreeNode(tree);
            List<List<String>> launchers = new ArrayList<>();
            List<List<String>> argLists = new ArrayList<>();
            for (NodePlacement.Host h : placement.cpuHosts()) {
                List<String> args = new ArrayList<>(List.of("node", "--role", "cpus", "--seed-node", node.host() + ":" + node.port(),
                        "--host", h.address(), "--port", "0", "--link-delay", placement.linkDelayFlag()));
                args.addAll(extraChildArgs);
                argLists.add(args);
                launchers.add(h.launcher());
            }
            children = LocalCluster.start("cpus", launchers, argLists, childJvmOptions(), childEnv, log);
            List<ActorRef<CpuHost.Command>> hosts = node.awaitHosts(argLists.size(), tree.joinTimeout());
            // said by the tree node, which knows its members before any work runs; a cpu node's own
            // "joined" line can come after a short run has already stopped it
            log.println("cluster: cpu node(s) " + TreeNode.addresses(hosts) + " joined the tree node at "
                    + node.host() + ":" + node.port());
            return new LocalClusterRun(node, children, hosts, tlsDir);
        } catch (IOException e) {
            stop(node, children, tlsDir);
            throw new UncheckedIOException("cannot start the cpu-node JVMs", e);
        } catch (RuntimeException e) {
            stop(node, children, tlsDir);
            throw e;
        }
    }

    private static Path runKeys() {
        try {
            Path dir = Files.createTempDirectory("iovasim-tls-");
            TlsKeys.generate(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make this run's TLS keys: " + e.getMessage(), e);
        }
    }

    /** The cpu nodes' JVM flags, then {@code IOVASIM_NODE_JAVA_OPTS} (e.g. GC logging or a profiler). */
    private static List<String> childJvmOptions() {
        long mb = Math.min(Runtime.getRuntime().maxMemory() >> 20, MAX_CHILD_HEAP_MB);
        List<String> options = new ArrayList<>(List.of("-Xss4m", "-XX:+UseParallelGC", "-Xmx" + mb + "m"));
        String extra = System.getenv("IOVASIM_NODE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) options.addAll(List.of(extra.trim().split("\\s+")));
        return options;
    }

    @Override
    public void close() {
        stop(node, children, tlsDir);
    }

    private static void stop(TreeNode node, LocalCluster children, Path tlsDir) {
        try {
            if (node != null) {
                node.stopHosts();
                // the cpu nodes leave by themselves on Stop; whoever has not within the wait is stopped
                if (children != null) children.close(STOP_WAIT_MS);
                node.close();
            }
        } finally {
            if (tlsDir != null) TlsKeys.delete(tlsDir);
        }
    }

    private static final long STOP_WAIT_MS = 3_000;
    private static final String JOIN_TIMEOUT = "90s";
    /** 1024 CPU actors and their workloads fit well within this. */
    private static final long MAX_CHILD_HEAP_MB = 2048;
}
