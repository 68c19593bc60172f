package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.ServiceKey;
import dev.iovasim.actors.BareFanOut;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.HandoverWindow;
import dev.iovasim.actors.Reply;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.DepotActor;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.actors.WireMessage;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cpu node's one actor known to the cluster (through the Receptionist): on the tree node's
 * request it spawns the CPU actors of the range it is assigned, building each CPU's workload
 * stream itself from the workload's spec string, and stops them when the run is released. Its
 * other jobs are parts with their own protocols, served from this mailbox: {@link HostRun} starts
 * the CPUs, answers progress questions and gathers their reports; {@link LiveFigures} hands the
 * CPUs' figures to the node's metrics while they run.
 */
public final class CpuHost {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "iovasim-cpu-host");

    public interface Command extends WireMessage {
    }

    /**
     * Spawn CPUs [first, first + count) of a machine of {@code cpus} CPUs for run {@code run}.
     *
     * @param policy   a preset's name; {@code magazineSize} then applies
     * @param workload the workload's spec string, empty when operations arrive as messages (replay)
     */
    public record Spawn(long run, int first, int count, int cpus, String policy, int magazineSize, long dma32Pfn,
                        String workload, long seed, long ops, long askTimeoutMs, int opsPerRun, int throughput,
                        ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot,
                        ActorRef<Spawned> replyTo) implements Command {
    }

    /** The CPU actors spawned, in CPU order, and the node's flusher for the per-node fan-out. */
    public record Spawned(ActorRef<CpuActor.Command>[] cpus, ActorRef<CpuActor.Command> flusher) implements WireMessage {
    }

    /** flushbench --compare-bare: bare CPUs [first, first + count) beside run {@code run}'s, and their flusher. */
    public record SpawnBare(long run, int first, int count, int perMagazine, ActorRef<Spawned> replyTo) implements Command {
    }

    /** The run is over: stop its CPU actors. */
    public record Release(ActorRef<Released> replyTo) implements Command {
    }

    public record Released() implements WireMessage {
    }

    /** Another node's CPUs are gone: tell every local CPU. */
    public record PeersLost(int first, int count) implements Command {
    }

    /** The cluster's work is done: leave and stop this node. */
    public record Stop() implements Command {
    }

    private final ActorContext<Command> ctx;
    private final Runnable onStop;
    private final LiveFigures live;
    private final HostRun running;
    private HostedCpus cpus = HostedCpus.NONE;
    /** flushbench's bare CPUs and their flusher, stopped with the run's actors. */
    private final List<ActorRef<CpuActor.Command>> bare = new ArrayList<>();
    private ActorRef<CpuActor.Command> flusher;

    private CpuHost(ActorContext<Command> ctx, TimerScheduler<Command> timers, RunFigures<CpuFigures> figures,
                    Runnable onStop) {
        this.ctx = ctx;
        this.onStop = onStop;
        this.live = new LiveFigures(ctx, timers, figures);
        this.running = new HostRun(ctx, figures, live);
    }

    /**
     * @param figures told the node's CPUs' figures summed during each run and at its end
     *                (the node publishes them as metrics)
     * @param onStop  run when the tree node says the work is done
     */
    public static Behavior<Command> create(RunFigures<CpuFigures> figures, Runnable onStop) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new CpuHost(ctx, timers, figures, onStop).behavior()));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Spawn.class, this::onSpawn)
                .onMessage(SpawnBare.class, this::onSpawnBare)
                // a part's message: the part does the work, the host's behaviour stays
                .onMessage(HostRun.StartAll.class, m -> Reply.same(() -> running.start(cpus, m)))
                .onMessage(HostRun.CpuDone.class, m -> Reply.same(() -> running.cpuDone(m)))
                .onMessage(HostRun.Progress.class, m -> Reply.same(() -> running.progress(m)))
                .onMessage(LiveFigures.LiveTick.class, m -> Reply.same(live::tick))
                .onMessage(LiveFigures.LiveStats.class, m -> Reply.same(() -> live.answered(m)))
                .onMessage(Release.class, this::onRelease)
                // every CPU of this node hears which peers went with their node
                .onMessage(PeersLost.class, m -> Reply.same(() -> {
                    HandoverWindow.PeersLost lost = new HandoverWindow.PeersLost(m.first(), m.count());
                    cpus.refs().forEach(c -> c.tell(lost));
                }))
                .onMessage(Stop.class, m -> {
                    onStop.run();
                    return Behaviors.stopped();
                })
                .build();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> onSpawn(Spawn m) {
        stopCpus();
        Policy policy = Policy.byName(m.policy()).withMagazineSize(m.magazineSize());
        EngineSettings settings = new EngineSettings(Duration.ofMillis(m.askTimeoutMs()), EngineSettings.defaults().runTimeout(),
                m.opsPerRun(), m.throughput(), 0);
        Workload w = m.workload().isEmpty() ? null : WorkloadCatalogue.byName(m.workload());
        List<ActorRef<CpuActor.Command>> spawned = new ArrayList<>(m.count());
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            CpuWorkload stream = w == null ? null : w.forCpu(c, m.cpus(), m.seed(), m.ops());
            spawned.add(ctx.spawn(CpuActor.create(c, policy, m.dma32Pfn(), m.tree(), m.depot(), stream, settings),
                    "cpu-" + c + "-run-" + m.run()));
        }
        cpus = new HostedCpus(m.run(), m.first(), policy.name(), settings.askTimeout(), List.copyOf(spawned));
        flusher = ctx.spawn(NodeFlusher.create(m.first(), cpus.refs()), "flusher-run-" + m.run());
        return Reply.to(m.replyTo(), new Spawned(spawned.toArray(new ActorRef[0]), flusher));
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> onSpawnBare(SpawnBare m) {
        List<ActorRef<CpuActor.Command>> spawned = new ArrayList<>(m.count());
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            spawned.add(ctx.spawn(BareFanOut.cpu(c, m.perMagazine()), "bare-cpu-" + c + "-run-" + m.run()));
        }
        ActorRef<CpuActor.Command> bareFlusher = ctx.spawn(NodeFlusher.create(m.first(), spawned), "bare-flusher-run-" + m.run());
        bare.addAll(spawned);
        bare.add(bareFlusher);
        return Reply.to(m.replyTo(), new Spawned(spawned.toArray(new ActorRef[0]), bareFlusher));
    }

    private Behavior<Command> onRelease(Release m) {
        stopCpus();
        return Reply.to(m.replyTo(), new Released());
    }

    private void stopCpus() {
        live.end();
        for (ActorRef<CpuActor.Command> c : cpus.refs()) ctx.stop(c);
        if (flusher != null) ctx.stop(flusher);
        for (ActorRef<CpuActor.Command> b : bare) ctx.stop(b);
        bare.clear();
        cpus = cpus.released();
        flusher = null;
    }
}
