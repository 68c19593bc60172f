package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.ServiceKey;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.BareFanOut;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.HandoverWindow;
import dev.iovasim.actors.WorkloadDriver;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.DepotActor;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.RunProgress;
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
 * stream itself from the workload's spec string, starts them, gathers their reports and answers
 * once for all of them. While they run it asks them for their figures (counters, allocation
 * latency) every {@link FreeRun#LIVE_INTERVAL} and, once all have answered, hands the node's
 * sum to its metrics; the final reports follow once, after which answers still on their way are
 * ignored.
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

    /** flushbench --compare-bare: bare CPUs [first, first + count) beside run {@code run}'s, and their flusher. */
    public record SpawnBare(long run, int first, int count, int perMagazine, ActorRef<Spawned> replyTo) implements Command {
    }

    /** Run every local CPU's workload; {@code peers} are all CPUs of the machine, in CPU order. */
    public record StartAll(ActorRef<CpuActor.Command>[] peers, ActorRef<HostReports> replyTo) implements Command {
    }

    public record HostReports(int first, WorkloadDriver.CpuReport[] reports) implements WireMessage {
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

    private record CpuDone(WorkloadDriver.CpuReport report) implements Command {
    }

    private enum LiveTick implements Command { INSTANCE }

    /** A CPU's figures asked for during run {@code run}; null when it did not answer in time. */
    private record LiveStats(long run, WorkloadDriver.CpuStats stats) implements Command {
    }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final RunFigures<CpuFigures> figures;
    private final Runnable onStop;
    private final ActorRef<WorkloadDriver.CpuReport> done;
    private List<ActorRef<CpuActor.Command>> cpus = List.of();
    /** flushbench's bare CPUs and their flusher, stopped with the run's actors. */
    private final List<ActorRef<CpuActor.Command>> bare = new ArrayList<>();
    private ActorRef<CpuActor.Command> flusher;
    private int first;
    private String policy = "";
    private WorkloadDriver.CpuReport[] reports;
    private int due;
    private ActorRef<HostReports> reportTo;
    private long opsBase;
    private long run;
    private Duration askTimeout;
    /** Each local CPU's latest figures while a run goes (null before its first answer); null between runs. */
    private WorkloadDriver.CpuStats[] latest;
    /** Answers still due to the last tick's questions: a CPU is asked again only once it has answered. */
    private int asked;

    private CpuHost(ActorContext<Command> ctx, TimerScheduler<Command> timers, RunFigures<CpuFigures> figures,
                    Runnable onStop) {
        this.ctx = ctx;
        this.timers = timers;
        this.figures = figures;
        this.onStop = onStop;
        this.done = ctx.messageAdapter(WorkloadDriver.CpuReport.class, CpuDone::new);
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
                .onMessage(StartAll.class, this::onStartAll)
                .onMessage(CpuDone.class, this::onCpuDone)
                .onMessage(LiveTick.class, m -> onLiveTick())
                .onMessage(LiveStats.class, this::onLiveStats)
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
        Policy policy = Policy.byName(m.policy()).withMagazineSize(m.magazineSize());
        EngineSettings settings = new EngineSettings(Duration.ofMillis(m.askTimeoutMs()), EngineSettings.defaults().runTimeout(),
                m.opsPerRun(), m.throughput());
        Workload w = m.workload().isEmpty() ? null : WorkloadCatalogue.byName(m.workload());
        List<ActorRef<CpuActor.Command>> spawned = new ArrayList<>(m.count());
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            CpuWorkload stream = w == null ? null : w.forCpu(c, m.cpus(), m.seed(), m.ops());
            spawned.add(ctx.spawn(CpuActor.create(c, policy, m.dma32Pfn(), m.tree(), m.depot(), stream, settings),
                    "cpu-" + c + "-run-" + m.run()));
        }
        cpus = spawned;
        first = m.first();
        run = m.run();
        askTimeout = settings.askTimeout();
        this.policy = policy.name();
        flusher = ctx.spawn(NodeFlusher.create(first, cpus), "flusher-run-" + m.run());
        m.replyTo().tell(new Spawned(first, cpus.toArray(new ActorRef[0]), flusher));
        return Behaviors.same();
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
        m.replyTo().tell(new Spawned(m.first(), spawned.toArray(new ActorRef[0]), bareFlusher));
        return Behaviors.same();
    }

    private Behavior<Command> onStartAll(StartAll m) {
        List<ActorRef<CpuActor.Command>> peers = List.of(m.peers());
        reports = new WorkloadDriver.CpuReport[cpus.size()];
        due = cpus.size();
        reportTo = m.replyTo();
        opsBase = RunProgress.ops();
        latest = new WorkloadDriver.CpuStats[cpus.size()];
        asked = 0;
        timers.startTimerWithFixedDelay(LiveTick.INSTANCE, FreeRun.LIVE_INTERVAL);
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new WorkloadDriver.Start(peers, done));
        if (due == 0) answer();
        return Behaviors.same();
    }

    private Behavior<Command> onLiveTick() {
        if (latest == null || asked > 0) return Behaviors.same();
        long askedIn = run;
        for (ActorRef<CpuActor.Command> c : cpus) {
            ctx.ask(WorkloadDriver.CpuStats.class, c, askTimeout, WorkloadDriver.Stats::new, (r, e) -> new LiveStats(askedIn, r));
        }
        asked = cpus.size();
        return Behaviors.same();
    }

    private Behavior<Command> onLiveStats(LiveStats m) {
        // after its run's final reports, or from an earlier run: that run's figures are settled
        if (latest == null || m.run() != run) return Behaviors.same();
        if (m.stats() != null) latest[m.stats().cpu() - first] = m.stats();
        if (--asked > 0) return Behaviors.same();
        CpuFigures sum = new CpuFigures();
        for (WorkloadDriver.CpuStats s : latest) {
            if (s != null) sum.add(s);
        }
        figures.live(policy, run, sum);
        return Behaviors.same();
    }

    private Behavior<Command> onCpuDone(CpuDone m) {
        reports[m.report().cpu() - first] = m.report();
        if (--due == 0) answer();
        return Behaviors.same();
    }

    private void answer() {
        endLive();
        CpuFigures sum = new CpuFigures();
        for (WorkloadDriver.CpuReport r : reports) sum.add(r);
        figures.end(policy, run, sum);
        reportTo.tell(new HostReports(first, reports));
        reportTo = null;
    }

    private Behavior<Command> onRelease(Release m) {
        stopCpus();
        m.replyTo().tell(new Released(first));
        return Behaviors.same();
    }

    private Behavior<Command> onPeersLost(PeersLost m) {
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new HandoverWindow.PeersLost(m.first(), m.count()));
        return Behaviors.same();
    }

    private void endLive() {
        timers.cancel(LiveTick.INSTANCE);
        latest = null;
    }

    private void stopCpus() {
        endLive();
        for (ActorRef<CpuActor.Command> c : cpus) ctx.stop(c);
        if (flusher != null) ctx.stop(flusher);
        for (ActorRef<CpuActor.Command> b : bare) ctx.stop(b);
        bare.clear();
        cpus = List.of();
        flusher = null;
    }
}
