package dev.iovasim.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cpu node's watch on the tree node. The tree node holds the tree owner, the depot and the run
 * coordinator, so when it is lost (killed, or cut off) nothing this node's CPUs do can count any
 * more: as soon as the tree member is unreachable for longer than the Split Brain Resolver's
 * {@code stable-after} (when the resolver would down this side anyway), the node names the lost
 * node, prints what its CPUs had done up to the loss (the last live figures, at most one
 * {@code FreeRun.LIVE_INTERVAL} old) and ends the actor system. It also passes every figure
 * on to the node's metrics.
 */
public final class TreeWatch implements RunFigures<CpuFigures> {
    private final RunFigures<CpuFigures> metrics;
    private final String node;
    private final PrintStream out;
    private final PrintStream err;
    private volatile Address lost;
    private volatile String policy;
    private volatile long run;
    private volatile CpuFigures latest;
    private volatile boolean ended;

    /** @param node this node's name, for the messages; {@code out} gets the partial report, {@code err} the rest */
    public TreeWatch(RunFigures<CpuFigures> metrics, String node, PrintStream out, PrintStream err) {
        this.metrics = metrics;
        this.node = node;
        this.out = out;
        this.err = err;
    }

    @Override
    public void live(String policy, long run, CpuFigures figures) {
        if (run != this.run) err.println("node: run " + run + " (" + policy + ") is running on node " + node);
        remember(policy, run, figures, false);
        metrics.live(policy, run, figures);
    }

    @Override
    public boolean eachCpu() {
        return metrics.eachCpu();
    }

    @Override
    public void end(String policy, long run, CpuFigures figures) {
        remember(policy, run, figures, true);
        metrics.end(policy, run, figures);
    }

    private void remember(String policy, long run, CpuFigures figures, boolean ended) {
        this.policy = policy;
        this.run = run;
        this.latest = figures;
        this.ended = ended;
    }

    /** The tree node this node lost, or null. */
    public Address lost() {
        return lost;
    }

    /** Starts the watching actor in {@code system} (a cpu node's): the loss is declared {@code stableAfter} after unreachability. */
    void start(ActorSystem<?> system, java.time.Duration stableAfter) {
        system.systemActorOf(Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> {
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(),
                    ClusterEvent.ReachabilityEvent.class));
            return Behaviors.receiveMessage(m -> {
                if (m instanceof ClusterEvent.UnreachableMember u && isTree(u.member())) {
                    timers.startSingleTimer(u.member().address(), new Lost(u.member().address()), stableAfter);
                } else if (m instanceof ClusterEvent.ReachableMember r && isTree(r.member())) {
                    timers.cancel(r.member().address());
                } else if (m instanceof Lost l) {
                    lost = l.address();
                    report(lost.toString(), "unreachable");
                    ctx.getSystem().terminate();
                }
                return Behaviors.same();
            });
        })), "tree-watch", akka.actor.typed.Props.empty());
    }

    private record Lost(Address address) {
    }

    private static boolean isTree(Member m) {
        return m.hasRole("tree");
    }

    /**
     * The message naming the lost node on {@code err}, and the partial report on {@code out}.
     *
     * @param how how the tree node was lost, e.g. "unreachable"
     */
    public void report(String treeNode, String how) {
        err.println("error: lost the tree node " + treeNode + " (" + how + "): the run cannot go on; node " + node
                + " ends with status " + CpuNode.EXIT_TREE_LOST);
        CpuFigures f = latest;
        if (f == null) {
            out.println("partial report of node " + node + ": no run had started on it before the loss");
            return;
        }
        AllocStats s = new AllocStats();
        s.addVector(f.stats());
        out.printf(Locale.ROOT, "partial report of node %s: its CPUs in run %d (%s) up to the loss of the tree node%s%n",
                node, run, policy, ended ? " (they had finished)" : "");
        for (Map.Entry<String, Counter> line : REPORTED) out.printf(Locale.ROOT, "  %-18s %d%n", line.getKey(), s.get(line.getValue()));
        out.flush();
    }

    private static final List<Map.Entry<String, Counter>> REPORTED = List.of(Map.entry("allocations", Counter.ALLOCS),
            Map.entry("rcache hits", Counter.CPU_HITS), Map.entry("depot hits", Counter.DEPOT_HITS),
            Map.entry("tree allocations", Counter.TREE_ALLOCS), Map.entry("failed", Counter.FAILED), Map.entry("frees", Counter.FREES));
}
