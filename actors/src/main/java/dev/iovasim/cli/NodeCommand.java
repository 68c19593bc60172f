package dev.iovasim.cli;

import akka.actor.typed.ActorRef;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.EngineTimeout;
import dev.iovasim.actors.TreeReports;
import dev.iovasim.allocator.engine.ComparisonTable;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.cluster.ClusterEngine;
import dev.iovasim.cluster.CpuHost;
import dev.iovasim.cluster.CpuNode;
import dev.iovasim.cluster.LocalCluster;
import dev.iovasim.cluster.NodeSettings;
import dev.iovasim.cluster.RunFigures;
import dev.iovasim.cluster.TreeNode;
import dev.iovasim.cluster.TreeWatch;
import dev.iovasim.metrics.IovasimMetrics;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iovasim node}: one cluster member. Every setting comes from node-config's HOCON, the
 * IOVASIM_* environment variables it names, {@code --config FILE}, and these flags, in rising
 * priority; an empty value counts as unset.
 */
@Command(name = "node", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp",
        header = "Starts one cluster node: the tree node or a cpu node.",
        description = {"Starts one cluster node.",
                "  tree: the seed, with the tree owner, depot and run coordinator. Waits for --cpu-nodes cpu",
                "        nodes, gives each a contiguous CPU range, runs the workload, prints the report (as",
                "        simulate does) and stops the cpu nodes.",
                "  cpus: joins the seed and hosts the CPU actors it is given, until the tree node stops it.",
                "Every flag has an IOVASIM_* environment variable (named below); a flag wins, an empty variable",
                "counts as unset. A run failure (seed unreachable, cpu nodes missing) exits 1."})
public final class NodeCommand implements Callable<Integer> {
    /**
     * The flags that are not {@link NodeSettings} keys. Every other flag is one, read back through
     * {@link #commandSpec} in {@link #settings()} under its long name, but for the two renamed here.
     */
    private static final Set<String> NOT_SETTINGS = Set.of("--role", "--config", LocalCluster.PARENT_PID_FLAG, "--help", "--version");
    private static final Map<String, String> SETTING_OF = NodeSettings.FLAG_OF.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--role", paramLabel = "tree|cpus", description = "This node's role (IOVASIM_ROLE).")
    String role;
    @Option(names = "--node-name", paramLabel = "NAME", description = "The node label of its metrics (IOVASIM_NODE_NAME).")
    String nodeName;
    @Option(names = "--seed-node", paramLabel = "HOST:PORT", description = "The tree node's cluster address (IOVASIM_SEED).")
    String seed;
    @Option(names = "--host", paramLabel = "H", description = "Address advertised to the cluster (IOVASIM_HOST).")
    String host;
    @Option(names = "--port", paramLabel = "P", description = "Cluster port, 0 = any free (IOVASIM_PORT).")
    String port;
    @Option(names = "--metrics-port", paramLabel = "M", description = "Serve /metrics on M (IOVASIM_METRICS_PORT).")
    String metricsPort;
    @Option(names = "--metrics-host", paramLabel = "H", description = "Address /metrics listens on (IOVASIM_METRICS_HOST).")
    String metricsHost;
    @Option(names = "--metrics-per-cpu", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Add the cpu label (IOVASIM_METRICS_PER_CPU).")
    String metricsPerCpu;
    @Option(names = "--hold-metrics", paramLabel = "S", description = "Serve /metrics S seconds after the run (IOVASIM_HOLD_METRICS).")
    String holdMetrics;
    @Option(names = "--config", paramLabel = "FILE", description = "HOCON read over the packaged role file.")
    Path config;
    @Option(names = "--cpu-nodes", paramLabel = "N", description = "tree: cpu nodes to wait for (IOVASIM_CPU_NODES).")
    String cpuNodes;
    @Option(names = "--cpus", paramLabel = "N", description = "Simulated CPUs in all (IOVASIM_CPUS).")
    String cpus;
    @Option(names = "--policy", paramLabel = "NAME", completionCandidates = CompletionCandidates.Presets.class,
            description = "Kernel preset, one of ${COMPLETION-CANDIDATES} (IOVASIM_POLICY).")
    String policy;
    @Option(names = "--magazine-size", paramLabel = "N", description = "pfns per magazine (IOVASIM_MAGAZINE_SIZE).")
    String magazineSize;
    @Option(names = "--workload", paramLabel = "SPEC", description = "Workload spec (IOVASIM_WORKLOAD).")
    String workload;
    @Option(names = "--ops", paramLabel = "N", description = "Operations per CPU (IOVASIM_OPS).")
    String ops;
    @Option(names = "--seed", paramLabel = "S", description = "The workload's random seed (IOVASIM_RANDOM_SEED).")
    String randomSeed;
    @Option(names = "--fanout", paramLabel = "SHAPE", completionCandidates = CompletionCandidates.FanOuts.class,
            descriptionKey = "fanout.node")
    String fanout;
    @Mixin
    LinkDelayOption linkDelay = new LinkDelayOption();
    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Talk over TLS with the keys in DIR, made by 'iovasim tls-keys' (IOVASIM_TLS_DIR).")
    String tlsDir;
    @Option(names = LocalCluster.PARENT_PID_FLAG, paramLabel = "PID", description = "Exit when this process is gone.")
    Long parentPid;

    @Override
    public Integer call() {
        NodeSettings s = settings();
        PrintStream err = System.err;
        try (NodeMetrics metrics = NodeMetrics.open(s, err)) {
            int status = s.role() == NodeSettings.Role.TREE ? runTree(s, metrics, err) : runCpus(s, metrics, err);
            // a node whose run failed has no final figures to show: exit at once
            if (status == 0 || status == 3) metrics.hold();
            return status;
        }
    }

    private NodeSettings settings() {
        String r = role != null ? role : System.getenv().getOrDefault("IOVASIM_ROLE", "");
        if (r.isBlank()) throw new UsageException("--role: required, tree or cpus (or set IOVASIM_ROLE)");
        if (!r.strip().equals("tree") && !r.strip().equals("cpus")) {
            throw new UsageException((role != null ? "--role" : "IOVASIM_ROLE") + ": expected 'tree' or 'cpus', got '" + r + "'");
        }
        Map<String, Object> flags = new HashMap<>();
        flags.put("role", r);
        for (OptionSpec o : commandSpec.options()) {
            String flag = o.longestName();
            if (o.getValue() == null || NOT_SETTINGS.contains(flag)) continue;
            flags.put(SETTING_OF.getOrDefault(flag, flag.substring(2)), o.getValue());
        }
        return UsageException.refusing(null, () -> NodeSettings.load(r.strip(), config, flags));
    }

    private int runCpus(NodeSettings s, NodeMetrics metrics, PrintStream err) {
        TreeWatch watch = new TreeWatch(metrics.cpus(), s.nodeName(), System.out, err);
        // the parent of a local cluster's cpu node is the tree node: its end is the tree's loss
        if (parentPid != null) {
            LocalCluster.exitWithParent(parentPid, CpuNode.EXIT_TREE_LOST,
                    () -> watch.report("process " + parentPid, "the parent process is gone"));
        }
        return CpuNode.run(s, watch, err);
    }

    private int runTree(NodeSettings s, NodeMetrics metrics, PrintStream err) {
        if (parentPid != null) LocalCluster.exitWithParent(parentPid, ExitCodes.FAILURE, () -> { });
        try (TreeNode node = new TreeNode(s)) {
            err.println("node: tree node on " + s.host() + ":" + node.port() + ", waiting for " + s.cpuNodes() + " cpu node(s)");
            try {
                List<ActorRef<CpuHost.Command>> hosts = node.awaitHosts(s.cpuNodes(), s.joinTimeout());
                err.println("node: cpu node(s) " + TreeNode.addresses(hosts) + " joined");
                EngineSettings engine = EngineSettings.defaults().withAskTimeout(s.askTimeout());
                ClusterEngine e = new ClusterEngine(node, hosts, s.workload(), s.fanout(), engine, metrics.tree());
                RunSpec spec = RunSpec.of(s.policy(), WorkloadCatalogue.byName(s.workload()), s.cpus(), s.ops(), s.randomSeed());
                RunReport r = e.run(spec, ProgressListener.NONE);
                System.out.print(ComparisonTable.render(List.of(r)));
                System.out.print(clusterLines(r));
                System.out.flush();
                if (!r.flag("conservation_ok")) {
                    err.println("error: conservation check failed: " + r.text("conservation_problem"));
                    return 3;
                }
                return 0;
            } catch (EngineTimeout ex) {
                err.println("error: " + ex.getMessage());
                return 1;
            } finally {
                node.stopHosts();
            }
        }
    }

    /**
     * What the comparison table has no row for: the cluster's shape and the cpu nodes lost during
     * the run (their CPUs hot-unplugged, the pfns they held reclaimed by the tree owner).
     */
    static String clusterLines(RunReport r) {
        long lost = r.longValue("lost_cpus");
        return String.format(Locale.ROOT, "cluster nodes       %d (fan-out %s)%nlost CPUs           %s%nreclaimed pfns      %d%n",
                r.longValue("nodes"), r.text("fanout"), lost == 0 ? "none" : lost + " (" + r.text("lost_cpu_list")
                        + ": their node left the cluster)", r.longValue("reclaimed_pfns"));
    }

    /** A node's /metrics and what its runs hand over to them, or nothing when no metrics port is set. */
    record NodeMetrics(MetricsSession session, RunFigures<CpuFigures> cpus, RunFigures<TreeReports.TreeReport> tree)
            implements AutoCloseable {
        static NodeMetrics open(NodeSettings s, PrintStream err) {
            if (s.metricsPort() == null) return new NodeMetrics(null, RunFigures.none(), RunFigures.none());
            IovasimMetrics m = new IovasimMetrics(s.nodeName(), s.metricsPerCpu());
            try {
                MetricsSession session = MetricsSession.start(m, s.metricsHost(), s.metricsPort(), s.holdMetrics(), err);
                RunMetrics runs = new RunMetrics(m);
                return new NodeMetrics(session, runs.cpus(), runs.tree());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new UsageException("iovasim.metrics-port " + s.metricsPort() + ": " + e.getMessage());
            }
        }

        void hold() {
            if (session != null) session.hold();
        }

        @Override
        public void close() {
            if (session != null) session.close();
        }
    }
}
