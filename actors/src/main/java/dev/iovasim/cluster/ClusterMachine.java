package dev.iovasim.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.actors.BareFanOut;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.WorkloadDriver;
import dev.iovasim.actors.DepotActor;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.FlushTimerActor;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.actors.FanOutTargets;
import dev.iovasim.actors.Machine;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One run's machine over a cluster: the tree owner, the depot and the clock on the tree node (this
 * JVM), the CPU actors on the cpu nodes, each node a contiguous CPU range. Drivers use it exactly as a
 * {@link dev.iovasim.actors.LocalMachine}. A cpu node removed from the cluster during the run
 * takes its CPUs with it: the tree owner treats them as unplugged, the other nodes' CPUs forget
 * them, and the run ends without their reports.
 */
public final class ClusterMachine extends Machine {
    private static final AtomicLong RUNS = new AtomicLong();

    /** What a run's CPU actors are built from on their nodes. */
    public record Spec(Policy policy, DomainConfig domain, boolean gapSearch, String workload, long seed, long opsPerCpu,
                       FanOutShape fanout) {
    }

    /** What the run's guardian (parent of the tree owner and depot) is told; never crosses a JVM. */
    private interface RunCommand { }

    private enum StopRun implements RunCommand { INSTANCE }

    /**
     * Spawns a child beside the tree owner, so its address is as long as the tree owner's: the
     * run's clock and flush-queue timer once the CPU actors exist, flushbench's bare gatherer.
     */
    private record SpawnChild<T>(Behavior<T> behavior, String name, CompletableFuture<ActorRef<T>> spawned)
            implements RunCommand {
        void spawnIn(akka.actor.typed.javadsl.ActorContext<RunCommand> ctx) {
            spawned.complete(ctx.spawn(behavior, name));
        }
    }

    private final TreeNode node;
    private final Spec spec;
    private final long run;
    private final ActorRef<RunCommand> guardian;
    private final List<ActorRef<CpuHost.Command>> hosts;
    private final HostRanges ranges;
    private final List<CompletableFuture<HostRun.HostReports>> hostDone = new ArrayList<>();
    private final AtomicLongArray hostOps;
    private final AtomicBoolean[] polling;
    private final Consumer<Address> removal = this::onNodeRemoved;

    private record RunActors(ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot) {
    }

    /** Spawns the run's CPU actors on {@code hosts} (as many CPUs as {@code spec.domain()} says). */
    public ClusterMachine(TreeNode node, List<ActorRef<CpuHost.Command>> hosts, Spec spec, EngineSettings settings) {
        super(node.system(), spec.policy(), spec.domain(), settings);
        this.node = node;
        this.spec = spec;
        this.run = RUNS.incrementAndGet();
        this.hosts = List.copyOf(hosts);
        CompletableFuture<RunActors> spawned = new CompletableFuture<>();
        this.guardian = node.system().systemActorOf(runGuardian(spec, settings, spawned), "run-" + run, Props.empty());
        RunActors actors = asks.await(spawned, "the tree owner of run " + run);
        this.tree = actors.tree();
        this.depot = actors.depot();
        int cpuCount = spec.domain().cpus();
        this.ranges = new HostRanges(hosts.size(), cpuCount);
        // the hosts in order hold the CPUs in order: each a contiguous range, the next starting where it ends
        List<ActorRef<CpuActor.Command>> all = new ArrayList<>(cpuCount);
        List<FanOutTargets.Target> flushTargets = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            int from = ranges.first(h), n = ranges.count(h);
            CpuHost.Spawned s = spawn(hosts.get(h), from, n, spec, actors);
            all.addAll(Arrays.asList(s.cpus()));
            flushTargets.addAll(spec.fanout().reach(Arrays.asList(s.cpus()), s.flusher(), from));
        }
        this.cpus = List.copyOf(all);
        this.hostOps = new AtomicLongArray(hosts.size());
        this.polling = new AtomicBoolean[hosts.size()];
        for (int h = 0; h < hosts.size(); h++) polling[h] = new AtomicBoolean();
        tree.tell(new FanOutTargets.Attach(cpus, actors.depot(), flushTargets));
        this.flushTimer = spawnBeside(FlushTimerActor.create(spec.policy().invalidation(), actors.depot(), cpus), "flush-timer",
                "the clock of run " + run);
        node.onRemoval(removal);
    }

    /** This run's number, counted up by every machine this JVM starts. */
    public long run() {
        return run;
    }

    private static Behavior<RunCommand> runGuardian(Spec spec, EngineSettings settings, CompletableFuture<RunActors> spawned) {
        return Behaviors.setup(ctx -> {
            DomainConfig d = spec.domain();
            IovaDomain domain = new IovaDomain(spec.policy().search(), spec.gapSearch(), d.granule(), d.startPfn());
            ActorRef<TreeOwnerActor.Command> tree = ctx.spawn(
                    TreeOwnerActor.create(spec.policy(), domain, settings, WireStats::fanOutBytes), "tree");
            ActorRef<DepotActor.Command> depot = ctx.spawn(DepotActor.create(spec.policy(), tree, d.cpus(),
                    !spec.workload().isEmpty()), "depot");
            spawned.complete(new RunActors(tree, depot));
            return Behaviors.receiveMessage(m -> {
                if (!(m instanceof SpawnChild<?> c)) return Behaviors.stopped();
                c.spawnIn(ctx);
                return Behaviors.same();
            });
        });
    }

    private <T> ActorRef<T> spawnBeside(Behavior<T> behavior, String name, String what) {
        CompletableFuture<ActorRef<T>> spawned = new CompletableFuture<>();
        guardian.tell(new SpawnChild<>(behavior, name, spawned));
        return asks.await(spawned, what);
    }

    private CpuHost.Spawned spawn(ActorRef<CpuHost.Command> host, int from, int n, Spec spec, RunActors actors) {
        Policy p = spec.policy();
        return asks.ask(host, r -> new CpuHost.Spawn(run, from, n, spec.domain().cpus(), p.name(), p.magazineSize(),
                spec.domain().dma32Pfn(), spec.workload(), spec.seed(), spec.opsPerCpu(), settings.askTimeout().toMillis(),
                settings.opsPerRun(), settings.throughput(), actors.tree(), actors.depot(), r),
                "cpus " + from + ".." + (from + n - 1) + " spawned on " + host.path().address());
    }

    @Override
    public CompletableFuture<List<WorkloadDriver.CpuReport>> runWorkloads(Duration timeout) {
        @SuppressWarnings("unchecked")
        ActorRef<CpuActor.Command>[] peers = cpus.toArray(new ActorRef[0]);
        synchronized (this) {
            for (int h = 0; h < hosts.size(); h++) {
                CompletableFuture<HostRun.HostReports> done = new CompletableFuture<>();
                hostDone.add(done);
                if (ranges.lost(h)) {
                    done.complete(new HostRun.HostReports(new WorkloadDriver.CpuReport[0]));
                    continue;
                }
                asks.<CpuHost.Command, HostRun.HostReports>later(hosts.get(h), r -> new HostRun.StartAll(peers, r), timeout)
                        .whenComplete((r, e) -> {
                            if (e != null) done.completeExceptionally(e);
                            else done.complete(r);
                        });
            }
        }
        return CompletableFuture.allOf(hostDone.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<WorkloadDriver.CpuReport> all = new ArrayList<>();
            for (CompletableFuture<HostRun.HostReports> f : hostDone) all.addAll(Arrays.asList(f.join().reports()));
            all.sort(Comparator.comparingInt(WorkloadDriver.CpuReport::cpu));
            return all;
        });
    }

    /** The answer is null once the CPU's node has left the cluster (at once if it already has). */
    @Override
    public <R> CompletableFuture<R> askCpu(int cpu, Function<ActorRef<R>, CpuActor.Command> message, Duration timeout) {
        CompletableFuture<Void> gone = ranges.gone(cpu);
        if (gone.isDone()) return CompletableFuture.completedFuture(null);
        CompletableFuture<R> lostMeanwhile = gone.thenApply(v -> null);
        return asks.later(cpus.get(cpu), message, timeout).applyToEither(lostMeanwhile, r -> r);
    }

    /**
     * The sum of the cpu nodes' last answers; asks each node again unless its previous poll is
     * still out (so a slow node never has more than one waiting). A lost node keeps its last count.
     */
    @Override
    public long opsStarted() {
        long sum = 0;
        for (int h = 0; h < hosts.size(); h++) {
            sum += hostOps.get(h);
            if (ranges.count(h) == 0 || ranges.lost(h) || !polling[h].compareAndSet(false, true)) continue;
            int host = h;
            asks.<CpuHost.Command, HostRun.HostProgress>later(hosts.get(h), HostRun.Progress::new, settings.askTimeout())
                    .whenComplete((r, e) -> {
                        if (r != null) hostOps.set(host, r.ops());
                        polling[host].set(false);
                    });
        }
        return sum;
    }

    /** A cpu node left the cluster (downed): its CPUs are hot-unplugged. */
    private void onNodeRemoved(Address address) {
        synchronized (this) {
            for (int h = 0; h < hosts.size(); h++) {
                if (!hosts.get(h).path().address().equals(address) || !ranges.markLost(h)) continue;
                int first = ranges.first(h), count = ranges.count(h);
                tree.tell(new FanOutTargets.CpusLost(first, count));
                flushTimer.tell(new FlushTimerActor.CpusLost(first, count));
                for (int o = 0; o < hosts.size(); o++) {
                    if (o != h) hosts.get(o).tell(new CpuHost.PeersLost(first, count));
                }
                if (h < hostDone.size()) hostDone.get(h).complete(new HostRun.HostReports(new WorkloadDriver.CpuReport[0]));
                ranges.signalLost(h);
            }
        }
    }

    @Override
    public int[] lostCpus() {
        return ranges.lostCpus();
    }

    /** Bare CPUs beside the real ones on every node (released with them); gatherer and bare depot here. */
    @Override
    public ActorRef<TreeOwnerActor.Command> spawnBare(int perMagazine) {
        List<ActorRef<CpuActor.Command>> targets = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            int from = ranges.first(h), n = ranges.count(h);
            if (n == 0) continue;
            CpuHost.Spawned s = asks.ask(hosts.get(h), r -> new CpuHost.SpawnBare(run, from, n, perMagazine, r),
                    "bare cpus " + from + ".." + (from + n - 1) + " spawned on " + hosts.get(h).path().address());
            for (FanOutTargets.Target t : spec.fanout().reach(Arrays.asList(s.cpus()), s.flusher(), from)) targets.add(t.ref());
        }
        return spawnBeside(BareFanOut.gatherer(targets, cpus.size(), spec.policy().flushDrainsDepot(), WireStats::fanOutBytes),
                "bare", "the bare gatherer of run " + run);
    }

    /** Stops the run's actors on every node still there; the nodes stay for the next run. */
    @Override
    public void close() {
        node.removeListener(removal);
        List<CompletableFuture<CpuHost.Released>> released = new ArrayList<>();
        synchronized (this) {
            for (int h = 0; h < hosts.size(); h++) {
                if (ranges.lost(h)) continue;
                released.add(asks.later(hosts.get(h), CpuHost.Release::new, settings.askTimeout()));
            }
        }
        for (CompletableFuture<CpuHost.Released> r : released) asks.await(r, "the release of a run's CPU actors");
        guardian.tell(StopRun.INSTANCE);
    }
}
