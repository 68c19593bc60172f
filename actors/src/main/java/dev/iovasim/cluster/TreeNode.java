package dev.iovasim.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.typed.Subscribe;
import dev.iovasim.actors.EngineTimeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The tree node's cluster side: the seed (it joins itself), the list of cpu-node hosts as the
 * Receptionist reports them, and the news of a node's removal (the Split Brain Resolver downed
 * it), which a running machine turns into a CPU hot-unplug.
 */
public final class TreeNode implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final Object lock = new Object();
    private Set<ActorRef<CpuHost.Command>> hosts = Set.of();
    private final List<Consumer<Address>> removalListeners = new CopyOnWriteArrayList<>();
    private final LinkDelay linkDelay;
    private final DeadLetterLog deadLetters;

    public TreeNode(NodeSettings settings) {
        this.linkDelay = LinkDelay.open(settings);
        this.system = ActorSystem.create(guardian(), "iovasim", LinkDelay.akkaConfig(settings, linkDelay));
        this.deadLetters = DeadLetterLog.install(system, System.err);
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    private Behavior<Void> guardian() {
        return Behaviors.<Object>setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(CpuHost.KEY, ctx.getSelf().narrow()));
            Cluster.get(ctx.getSystem()).subscriptions().tell(
                    Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberRemoved.class));
            return Behaviors.receiveMessage(m -> {
                if (m instanceof Receptionist.Listing l) {
                    synchronized (lock) {
                        hosts = Set.copyOf(l.getServiceInstances(CpuHost.KEY));
                        lock.notifyAll();
                    }
                } else if (m instanceof ClusterEvent.MemberRemoved r) {
                    for (Consumer<Address> c : removalListeners) c.accept(r.member().address());
                }
                return Behaviors.same();
            });
        }).narrow();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** The cluster port this node bound (a port of 0 in the settings picks a free one). */
    public int port() {
        return (Integer) Cluster.get(system).selfMember().address().port().get();
    }

    /** This node's undelivered messages so far, by kind and type ({@link DeadLetterLog}). */
    public String deadLetters() {
        return deadLetters.line();
    }

    /** The address this node advertises (cpu nodes join it there). */
    public String host() {
        return Cluster.get(system).selfMember().address().host().get();
    }

    /**
     * Waits until {@code count} cpu nodes have registered their hosts; returns them ordered by
     * address, so CPU ranges follow a stable order.
     */
    public List<ActorRef<CpuHost.Command>> awaitHosts(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (hosts.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new EngineTimeout(hosts.size() + " of " + count + " cpu nodes joined within "
                            + timeout.toSeconds() + " s", new TimeoutException());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineTimeout("interrupted while waiting for cpu nodes", e);
                }
            }
            List<ActorRef<CpuHost.Command>> sorted = new ArrayList<>(hosts);
            sorted.sort(Comparator.comparing(h -> h.path().toString()));
            return sorted.subList(0, count);
        }
    }

    /** The cluster addresses of {@code hosts}' nodes, comma-separated, as {@code awaitHosts} ordered them. */
    public static String addresses(List<ActorRef<CpuHost.Command>> hosts) {
        return hosts.stream().map(h -> h.path().address().toString()).collect(Collectors.joining(","));
    }

    public void onRemoval(Consumer<Address> listener) {
        removalListeners.add(listener);
    }

    public void removeListener(Consumer<Address> listener) {
        removalListeners.remove(listener);
    }

    /** Tells every cpu node to stop: the cluster's work is done. */
    public void stopHosts() {
        synchronized (lock) {
            for (ActorRef<CpuHost.Command> h : hosts) h.tell(new CpuHost.Stop());
        }
    }

    @Override
    public void close() {
        stop(system, linkDelay);
    }

    /** Ends a node's actor system (a cpu node's too) and its relay ({@link LinkDelay}, or null). */
    static void stop(ActorSystem<?> system, LinkDelay linkDelay) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a stuck shutdown must not keep the command from exiting; the JVM ends anyway
        }
        if (linkDelay != null) linkDelay.close();
    }
}
