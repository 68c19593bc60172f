package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import java.util.List;

/**
 * What every {@link Machine} holds whatever JVMs its actors run in: the policy and domain it
 * simulates, its settings, the bounded asks from outside its actor system (on the system that
 * holds its tree owner), and its actors.
 */
public abstract class AbstractMachine implements Machine {
    private final Policy policy;
    private final DomainConfig domain;
    protected final EngineSettings settings;
    protected final BoundedAsk asks;
    // set once by the subclass's constructor: a cluster machine spawns them through the asks above
    protected ActorRef<TreeOwnerActor.Command> tree;
    protected ActorRef<DepotActor.Command> depot;
    protected List<ActorRef<CpuActor.Command>> cpus;
    protected ActorRef<FlushTimerActor.Command> flushTimer;

    protected AbstractMachine(ActorSystem<?> system, Policy policy, DomainConfig domain, EngineSettings settings) {
        this.policy = policy;
        this.domain = domain;
        this.settings = settings;
        this.asks = new BoundedAsk(system, settings.askTimeout());
    }

    @Override
    public final Policy policy() {
        return policy;
    }

    @Override
    public final DomainConfig domain() {
        return domain;
    }

    @Override
    public final EngineSettings settings() {
        return settings;
    }

    @Override
    public final BoundedAsk asks() {
        return asks;
    }

    @Override
    public final ActorRef<TreeOwnerActor.Command> tree() {
        return tree;
    }

    @Override
    public final ActorRef<DepotActor.Command> depot() {
        return depot;
    }

    @Override
    public final List<ActorRef<CpuActor.Command>> cpus() {
        return cpus;
    }

    @Override
    public final ActorRef<FlushTimerActor.Command> flushTimer() {
        return flushTimer;
    }
}
