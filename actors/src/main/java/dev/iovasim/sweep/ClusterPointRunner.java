package dev.iovasim.sweep;

import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.RunLimits;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.cluster.ClusterEngine;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.cluster.RunFigures;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The actor engine over {@code nodes} JVMs (this one the tree node, {@code nodes - 1} cpu-node
 * processes on 127.0.0.1), for sweep points with more than one node; one node runs in this JVM
 * as {@code simulate} does. A cluster is kept while consecutive points share its node count
 * (the sweep's loop order makes them consecutive) and stopped when the count changes or the
 * sweep ends.
 */
public final class ClusterPointRunner implements PointRunner, AutoCloseable {
    private final EngineRunner local = new EngineRunner(ActorsEngine::new, 1);
    private final PrintStream log;
    private LocalClusterRun cluster;
    private int clusterNodes;

    public ClusterPointRunner(PrintStream log) {
        this.log = log;
    }

    @Override
    public void check(SweepPoint p) {
        // what simulate --engine actors refuses (RunLimits), in one JVM or over nodes
        RunLimits.onActors(Policy.byName(p.policy()));
        RunLimits.fanout(p.fanout(), p.nodes());
        if (p.nodes() == 1) {
            local.check(p);
            return;
        }
        EngineRunner.workload(p);
    }

    @Override
    public Map<String, Object> run(SweepPoint p) {
        if (p.nodes() == 1) return local.run(p);
        if (cluster == null || clusterNodes != p.nodes()) {
            close();
            cluster = LocalClusterRun.start(p.nodes(), List.of(), log);
            clusterNodes = p.nodes();
        }
        ClusterEngine engine = new ClusterEngine(cluster.node(), cluster.hosts(), p.workload(),
                FanOutCatalogue.of(p.fanout()), EngineSettings.defaults(), RunFigures.none());
        RunSpec spec = RunSpec.of(Policy.byName(p.policy()), EngineRunner.workload(p), p.cpus(), p.ops(), p.seed());
        RunReport r = engine.run(spec, ProgressListener.NONE);
        return EngineRunner.row(r, p);
    }

    @Override
    public void close() {
        if (cluster != null) cluster.close();
        cluster = null;
    }
}
