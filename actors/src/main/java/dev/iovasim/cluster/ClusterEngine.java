package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorRunResult;
import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.IntervalBarriers;
import dev.iovasim.actors.TreeReports;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.OrderedWorkload;
import java.util.List;

/**
 * {@code --engine actors} with the CPU actors on cluster nodes: the same free-running run, report
 * and time series as {@link ActorsEngine}, plus the cluster's shape (nodes, fan-out) and what node
 * losses cost (CPUs unplugged, ranges reclaimed).
 *
 * @param workloadSpec the spec string every cpu node builds its CPUs' streams from
 * @param figures      told the tree owner's report during each run and after it (the tree node's metrics)
 */
public record ClusterEngine(TreeNode node, List<ActorRef<CpuHost.Command>> hosts, String workloadSpec, FanOutShape fanout,
                            EngineSettings settings, RunFigures<TreeReports.TreeReport> figures) implements Engine {
    public ClusterEngine {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String name() {
        return ActorsEngine.NAME;
    }

    @Override
    public RunReport run(RunSpec spec, ProgressListener progress) {
        if (spec.workload() instanceof OrderedWorkload) {
            throw new IllegalArgumentException("a trace fixes the order of its operations: replay it with 'replay FILE --nodes N'");
        }
        spec.requireDefaultRcacheClasses("cluster");
        long total = (long) spec.domain().cpus() * spec.opsPerCpu();
        progress.progress(spec, 0, total);
        ClusterMachine.Spec machine = new ClusterMachine.Spec(spec.policy(), spec.domain(), spec.gapSearch(), workloadSpec,
                spec.seed(), spec.opsPerCpu(), fanout);
        String policy = spec.policy().name();
        IntervalBarriers series = IntervalBarriers.of(spec);
        try (ClusterMachine m = new ClusterMachine(node, hosts, machine, settings)) {
            ActorRunResult r = FreeRun.run(m, spec.policy(), spec.workload(), spec.seed(), spec.irqCpus(), series,
                    done -> progress.progress(spec, done, total),
                    new FreeRun.Live(false, false, (tree, cpus) -> figures.live(policy, m.run(), tree),
                            (tree, cpus) -> figures.end(policy, m.run(), tree)));
            // r.ops() also counts the setup's reserves, which the total (the workload's share) does not
            progress.progress(spec, Math.min(r.ops(), total), total);
            RunReport rep = ActorsEngine.report(spec, r);
            rep.put("nodes", hosts.size() + 1)
                    .put("fanout", fanout.name())
                    .put("lost_cpus", r.lost().cpus().length)
                    .put("reclaimed_pfns", r.lost().reclaimedPfns());
            if (series != null) series.addTo(rep);
            if (r.lost().cpus().length > 0) rep.put("lost_cpu_list", ranges(r.lost().cpus()));
            return rep;
        }
    }

    /** 0-3,8-11 for the lost CPUs. */
    static String ranges(int[] c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.length; ) {
            int j = i;
            while (j + 1 < c.length && c[j + 1] == c[j] + 1) j++;
            if (b.length() > 0) b.append(',');
            b.append(c[i]);
            if (j > i) b.append('-').append(c[j]);
            i = j + 1;
        }
        return b.toString();
    }
}
