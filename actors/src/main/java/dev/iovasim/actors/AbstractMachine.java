package dev.iovasim.actors;

import akka.actor.typed.ActorSystem;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;

/**
 * What every {@link Machine} holds whatever JVMs its actors run in: the policy and domain it
 * simulates, its settings, and the bounded asks from outside its actor system (on the system that
 * holds its tree owner).
 */
public abstract class AbstractMachine implements Machine {
    private final Policy policy;
    private final DomainConfig domain;
    protected final EngineSettings settings;
    protected final BoundedAsk asks;

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
}
