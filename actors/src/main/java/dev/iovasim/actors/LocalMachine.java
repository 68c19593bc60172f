package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.CpuWorkload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * One simulated machine in one JVM: an actor system holding the tree owner, the depot and a CPU
 * actor per simulated CPU (the embedded default: no remoting). Its {@link #ask} is the only way
 * outside code waits for an actor, and it always gives up after the configured timeout.
 */
public final class LocalMachine extends Machine {
    private final ActorSystem<Void> system;
    private long opsBase;

    private record Actors(ActorRef<TreeOwnerActor.Command> tree, ActorRef<DepotActor.Command> depot,
                          List<ActorRef<CpuActor.Command>> cpus, ActorRef<FlushTimerActor.Command> flushTimer) {
    }

    private LocalMachine(ActorSystem<Void> system, EngineSettings settings, Actors actors, Policy policy, DomainConfig config) {
        super(system, policy, config, settings);
        this.system = system;
        this.tree = actors.tree();
        this.depot = actors.depot();
        this.cpus = actors.cpus();
        this.flushTimer = actors.flushTimer();
    }

    /**
     * Starts the actors for {@code config.cpus()} CPUs; {@code workloads} gives each CPU its
     * workload (null entries for trace replay, where operations arrive as messages, and
     * flushbench). {@code clock}: the workloads' operations carry virtual time, and 6.7's depot
     * trim runs on it.
     */
    public static LocalMachine start(Policy policy, DomainConfig config, boolean gapSearch, boolean clock,
                                     EngineSettings settings, IntFunction<CpuWorkload> workloads) {
        CompletableFuture<Actors> spawned = new CompletableFuture<>();
        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            IovaDomain domain = new IovaDomain(policy.search(), gapSearch, config.granule(), config.startPfn());
            ActorRef<TreeOwnerActor.Command> tree = ctx.spawn(TreeOwnerActor.create(policy, domain, settings, () -> 0), "tree");
            ActorRef<DepotActor.Command> depot = ctx.spawn(DepotActor.create(policy, tree, config.cpus(), clock), "depot");
            List<ActorRef<CpuActor.Command>> cpus = new ArrayList<>(config.cpus());
            for (int c = 0; c < config.cpus(); c++) {
                cpus.add(ctx.spawn(CpuActor.create(c, policy, config.dma32Pfn(), tree, depot, workloads.apply(c), settings),
                        "cpu-" + c));
            }
            tree.tell(new FanOutTargets.Attach(cpus, depot));
            ActorRef<FlushTimerActor.Command> timer = ctx.spawn(
                    FlushTimerActor.create(policy.invalidation(), depot, List.copyOf(cpus)), "flush-timer");
            spawned.complete(new Actors(tree, depot, List.copyOf(cpus), timer));
            return Behaviors.empty();
        });
        ActorSystem<Void> system = ActorSystem.create(guardian, "iovasim", config(settings));
        try {
            return new LocalMachine(system, settings, spawned.get(settings.askTimeout().toMillis(), TimeUnit.MILLISECONDS),
                    policy, config);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            terminate(system, settings);
            throw new EngineTimeout("the actor system did not start within " + settings.askTimeout().toMillis() + " ms", e);
        }
    }

    /** {@code local-machine.conf}, the dispatcher's throughput and threads over it. */
    private static Config config(EngineSettings settings) {
        Map<String, Object> dispatcher = new HashMap<>(Map.of("throughput", settings.throughput()));
        if (settings.threads() != 0) {
            dispatcher.put("fork-join-executor.parallelism-min", settings.threads());
            dispatcher.put("fork-join-executor.parallelism-max", settings.threads());
        }
        return ConfigFactory.parseMap(dispatcher).atPath("akka.actor.default-dispatcher")
                .withFallback(ConfigFactory.parseResources("local-machine.conf", ConfigParseOptions.defaults().setAllowMissing(false)))
                .withFallback(ConfigFactory.load());
    }

    @Override
    public CompletableFuture<List<WorkloadDriver.CpuReport>> runWorkloads(java.time.Duration timeout) {
        opsBase = WorkloadDriver.opsStarted();
        List<CompletableFuture<WorkloadDriver.CpuReport>> done = new ArrayList<>(cpus.size());
        for (ActorRef<CpuActor.Command> c : cpus) done.add(askLater(c, r -> new WorkloadDriver.Start(cpus, r), timeout));
        return CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> done.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public ActorRef<TreeOwnerActor.Command> spawnBare(int perMagazine) {
        return spawnDriver(BareFanOut.local(cpus.size(), perMagazine, policy().flushDrainsDepot()), "bare-" + BARE.incrementAndGet());
    }

    /**
     * Spawns a driver beside the machine's actors, on their dispatcher: a request and its answer
     * can then run on one thread without waking another (dma-map-benchmark --wall's threads).
     */
    public <T> ActorRef<T> spawnDriver(Behavior<T> behavior, String name) {
        return system.systemActorOf(behavior, name, akka.actor.typed.Props.empty());
    }

    private static final java.util.concurrent.atomic.AtomicLong BARE = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public long opsStarted() {
        return WorkloadDriver.opsStarted() - opsBase;
    }

    @Override
    public void close() {
        terminate(system, settings);
    }

    private static void terminate(ActorSystem<Void> system, EngineSettings settings) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(settings.askTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new EngineTimeout("the actor system did not stop within " + settings.askTimeout().toMillis() + " ms", e);
        }
    }
}
