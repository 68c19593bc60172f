package dev.iovasim.cluster;

import akka.actor.AddressFromURIString;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.JoinSeedNodes;
import dev.iovasim.actors.CpuFigures;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cpu node: joins the seed, offers its {@link CpuHost} through the Receptionist, hosts the
 * CPU actors the tree node assigns it, until the tree node says stop (or the cluster downs it).
 */
public final class CpuNode {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    /** The tree node was lost during the run: the node printed its CPUs' partial figures and ended. */
    public static final int EXIT_TREE_LOST = 4;

    private CpuNode() {
    }

    /**
     * Runs the node to its end; the exit status (0 when the tree node stopped it,
     * {@link #EXIT_TREE_LOST} when the tree node was lost).
     *
     * @param watch told the node's CPUs' figures summed, during each run and at its end; it
     *              watches the tree node and reports its loss (before the node's actor system ends)
     */
    public static int run(NodeSettings settings, TreeWatch watch, PrintStream err) {
        AtomicBoolean stopped = new AtomicBoolean();
        LinkDelay linkDelay = LinkDelay.open(settings);
        ActorSystem<Void> system = ActorSystem.create(guardian(watch, stopped), "iovasim", LinkDelay.akkaConfig(settings, linkDelay));
        DeadLetterLog.install(system, err);
        watch.start(system, settings.config().getDuration("akka.cluster.split-brain-resolver.stable-after"));
        try {
            // the tree node advertises its address, not a name: a name (compose's "tree") is resolved first
            String seed = "akka://iovasim@" + address(settings.seedHost()) + ":" + settings.seedPort();
            Cluster cluster = Cluster.get(system);
            // said the moment the member is up (a callback, not a poll): a short run can end, and
            // the tree node stop this node, before a poll would have seen the member up
            CountDownLatch up = new CountDownLatch(1);
            akka.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> {
                err.println("node: cpus node " + cluster.selfMember().address() + " joined " + seed);
                up.countDown();
            });
            cluster.manager().tell(new JoinSeedNodes(List.of(AddressFromURIString.parse(seed))));
            if (!awaitUp(up, settings.joinTimeout().toMillis())) {
                err.println("error: cannot join the seed node " + settings.seedHost() + ":" + settings.seedPort()
                        + " within " + settings.joinTimeout().toSeconds() + " s (is the tree node running there?)");
                return EXIT_FAILED;
            }
            system.getWhenTerminated().toCompletableFuture().join();
            if (stopped.get()) return EXIT_OK;
            return watch.lost() == null ? EXIT_FAILED : EXIT_TREE_LOST;
        } finally {
            TreeNode.stop(system, linkDelay);
        }
    }

    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static boolean awaitUp(CountDownLatch up, long timeoutMs) {
        try {
            return up.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Behavior<Void> guardian(RunFigures<CpuFigures> figures, AtomicBoolean stopped) {
        return Behaviors.setup(ctx -> {
            ActorRef<CpuHost.Command> host = ctx.spawn(CpuHost.create(figures, () -> {
                stopped.set(true);
                ctx.getSystem().terminate();
            }), "host");
            ctx.getSystem().receptionist().tell(Receptionist.register(CpuHost.KEY, host));
            return Behaviors.empty();
        });
    }
}
