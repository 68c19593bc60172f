package dev.iovasim.cli;

import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.RunLimits;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.cluster.NodePlacement;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --nodes N} and {@code --fanout}: run the CPU actors on N-1 local cpu-node JVMs, this
 * JVM being the tree node. Shared by simulate, replay and flushbench. The help and the log name
 * the default address as {@link NodePlacement} places the nodes.
 */
@Command(resourceBundle = "dev.iovasim.cli.FlagHelp")
public final class ClusterOptions {
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = {"JVMs of the run: 1 (everything here) or 2.." + RunLimits.MAX_NODES + " (this JVM is the tree node; N-1 cpu-node JVMs"
                    + " are started on " + NodePlacement.LOOPBACK + ", hold the CPU actors, at least one each, and are stopped"
                    + " at the end)."
                    + " Default: ${DEFAULT-VALUE}."})
    int nodes;

    @Option(names = "--fanout", paramLabel = "SHAPE", defaultValue = "direct", completionCandidates = CompletionCandidates.FanOuts.class,
            descriptionKey = "fanout.cluster")
    String fanout;

    @Option(names = "--node-hosts", paramLabel = "LIST",
            description = {"With --nodes N, where each JVM runs: N comma-separated [NETNS@]ADDRESS, this (the tree) node's"
                    + " address first; a cpu node with NETNS is started by 'ip netns exec NETNS' (root)."
                    + " Default: " + NodePlacement.LOOPBACK + " for all."})
    String nodeHosts;

    @Mixin
    LinkDelayOption linkDelay = new LinkDelayOption();

    @Option(names = "--tls",
            description = {"With --nodes, the nodes talk over TLS with mutual authentication, on a key pair made for"
                    + " this run and removed at its end (see docs/cluster-notes.md). Default: plain TCP."})
    boolean tls;

    boolean clustered() {
        check();
        return nodes > 1;
    }

    FanOutShape fanOut() {
        check();
        return FanOutCatalogue.of(fanout);
    }

    /** The nodes for a run of {@code cpus} CPUs ({@link RunLimits#nodesFor}: each cpu node hosts one at least). */
    void checkCpus(int cpus) {
        check();
        UsageException.refusing(null, () -> {
            RunLimits.nodesFor(nodes, cpus);
            return cpus;
        });
    }

    private void check() {
        Check.in("--nodes", nodes, 1, RunLimits.MAX_NODES);
        UsageException.refusing(null, () -> RunLimits.fanout(fanout, nodes));
        if (nodes == 1 && (nodeHosts != null || linkDelay.text != null || tls)) {
            throw new UsageException((nodeHosts != null ? "--node-hosts" : linkDelay.text != null ? "--link-delay" : "--tls")
                    + ": needs --nodes 2 or more");
        }
        placement();
    }

    private NodePlacement placement() {
        UsageException.refusing("--link-delay", () -> NodePlacement.parse(null, linkDelay.text, nodes));
        return UsageException.refusing("--node-hosts", () -> NodePlacement.parse(nodeHosts, linkDelay.text, nodes));
    }

    /** Starts the cpu-node JVMs, each with {@code childArgs} as more {@code node} flags, and waits until they have joined. */
    LocalClusterRun start(List<String> childArgs, PrintStream log) {
        NodePlacement p = placement();
        log.println("cluster: starting " + (nodes - 1) + " cpu-node JVM(s)" + (nodeHosts == null ? " on " + NodePlacement.LOOPBACK : " at " + nodeHosts)
                + (p.linkDelay().isZero() ? "" : ", link delay " + linkDelay.text) + (tls ? ", over TLS" : ""));
        return LocalClusterRun.start(p, childArgs, tls, log);
    }
}
