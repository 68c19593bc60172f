package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.ServiceKey;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.DepotActor;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.RunProgress;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.actors.WireMessage;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A cpu node's one actor known to the cluster (through the Receptionist): on the tree node's
 * request it spawns the CPU actors of the range it is assigned, building each CPU's workload
 * stream itself from the workload's spec string, starts them, gathers their reports and answers
 * once for all of them.
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
    public record Spawned(int first, ActorRef<CpuActor.Command>[] cpus, ActorRef<CpuActor.Command> flusher)
            implements WireMessage {
    }

    /** Run every local CPU's workload; {@code peers} are all CPUs of the machine, in CPU order. */
    public record StartAll(ActorRef<CpuActor.Command>[] peers, ActorRef<HostReports> replyTo) implements Command {
    }

    public record HostReports(int first, CpuActor.CpuReport[] reports) implements WireMessage {
    }

    /** How far the local CPUs' workloads are, for the tree node's progress line. */
    public record Progress(ActorRef<HostProgress> replyTo) implements Command {
    }

    /** @param ops workload operations the local CPUs have started since StartAll */
    public record HostProgress(int first, long ops) implements WireMessage {
    }

    /** The run is over: stop its CPU actors. */
    public record Release(long run, ActorRef<Released> replyTo) implements Command {
    }

    public record Released(int first) implements WireMessage {
    }

    /** Another node's CPUs are gone: tell every local CPU. */
    public record PeersLost(int first, int count) implements Command {
    }

    /** The cluster's work is done: leave and stop this node. */
    public record Stop() implements Command {
    }

    private record CpuDone(CpuActor.CpuReport report) implements Command {
    }

    private final ActorContext<Command> ctx;
    private final BiConsumer<String, CpuActor.CpuReport[]> onReports;
    private final Runnable onStop;
    private final ActorRef<CpuActor.CpuReport> done;
    private List<ActorRef<CpuActor.Command>> cpus = List.of();
    private ActorRef<CpuActor.Command> flusher;
    private int first;
    private String policy = "";
    private CpuActor.CpuReport[] reports;
    private int due;
    private ActorRef<HostReports> reportTo;
    private long opsBase;

    private CpuHost(ActorContext<Command> ctx, BiConsumer<String, CpuActor.CpuReport[]> onReports, Runnable onStop) {
        this.ctx = ctx;
        this.onReports = onReports;
        this.onStop = onStop;
        this.done = ctx.messageAdapter(CpuActor.CpuReport.class, CpuDone::new);
    }

    /**
     * @param onReports told every run's policy name and CPU reports (the node publishes them as metrics)
     * @param onStop    run when the tree node says the work is done
     */
    public static Behavior<Command> create(BiConsumer<String, CpuActor.CpuReport[]> onReports, Runnable onStop) {
        return Behaviors.setup(ctx -> new CpuHost(ctx, onReports, onStop).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Spawn.class, this::onSpawn)
                .onMessage(StartAll.class, this::onStartAll)
                .onMessage(CpuDone.class, this::onCpuDone)
                .onMessage(Progress.class, m -> {
                    m.replyTo().tell(new HostProgress(first, RunProgress.ops() - opsBase));
                    return Behaviors.same();
                })
                .onMessage(Release.class, this::onRelease)
                .onMessage(PeersLost.class, this::onPeersLost)
                .onMessage(Stop.class, m -> {
                    onStop.run();
                    return Behaviors.stopped();
                })
                .build();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> onSpawn(Spawn m) {
        stopCpus();
        Policy policy = Policy.byName(m.policy().replaceFirst("-mag\\d+$", "")).withMagazineSize(m.magazineSize());
        EngineSettings settings = new EngineSettings(Duration.ofMillis(m.askTimeoutMs()), EngineSettings.defaults().runTimeout(),
                m.opsPerRun(), m.throughput());
        Workload w = m.workload().isEmpty() ? null : Workloads.byName(m.workload());
        List<ActorRef<CpuActor.Command>> spawned = new ArrayList<>(m.count());
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            CpuWorkload stream = w == null ? null : w.forCpu(c, m.cpus(), m.seed(), m.ops());
            spawned.add(ctx.spawn(CpuActor.create(c, policy, m.dma32Pfn(), m.tree(), m.depot(), stream, settings),
                    "cpu-" + c + "-run-" + m.run()));
        }
        cpus = spawned;
        first = m.first();
        this.policy = policy.name();
        flusher = ctx.spawn(NodeFlusher.create(first, cpus), "flusher-run-" + m.run());
        m.replyTo().tell(new Spawned(first, cpus.toArray(new ActorRef[0]), flusher));
        return Behaviors.same();
    }

    private Behavior<Command> onStartAll(StartAll m) {
        List<ActorRef<CpuActor.Command>> peers = List.of(m.peers());
        reports = new CpuActor.CpuReport[cpus.size()];
        due = cpus.size();
        reportTo = m.replyTo();
        opsBase = RunProgress.ops();
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.Start(peers, done));
        if (due == 0) answer();
        return Behaviors.same();
    }

    private Behavior<Command> onCpuDone(CpuDone m) {
        reports[m.report().cpu() - first] = m.report();
        if (--due == 0) answer();
        return Behaviors.same();
    }

    private void answer() {
        onReports.accept(policy, reports);
        reportTo.tell(new HostReports(first, reports));
        reportTo = null;
    }

    private Behavior<Command> onRelease(Release m) {
        stopCpus();
        m.replyTo().tell(new Released(first));
        return Behaviors.same();
    }

    private Behavior<Command> onPeersLost(PeersLost m) {
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.PeersLost(m.first(), m.count()));
        return Behaviors.same();
    }

    private void stopCpus() {
        for (ActorRef<CpuActor.Command> c : cpus) ctx.stop(c);
        if (flusher != null) ctx.stop(flusher);
        cpus = List.of();
        flusher = null;
    }
}
