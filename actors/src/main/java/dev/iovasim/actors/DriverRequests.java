package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import dev.iovasim.allocator.IovaDomain;

/**
 * What a driver (a trace replay, a free-running run's setup) asks of the domain outside any CPU:
 * reserve_iova, and the first moment v4.15 would have left its cached node pointing at freed memory. The tree owner
 * answers them at once, being the tree lock.
 */
public final class DriverRequests {

    public record Reserve(long lo, long hi, ActorRef<Reserved> replyTo) implements TreeOwnerActor.Command {
    }

    public record Reserved(boolean ok) implements WireMessage {
    }

    public record StaleQuery(ActorRef<StaleNode> replyTo) implements TreeOwnerActor.Command {
    }

    public record StaleNode(boolean present, long lo, long hi) implements WireMessage {
    }

    private DriverRequests() {
    }

    static Behavior<TreeOwnerActor.Command> reserve(IovaDomain domain, Reserve m) {
        return Reply.to(m.replyTo(), new Reserved(domain.reserve(m.lo(), m.hi())));
    }

    static Behavior<TreeOwnerActor.Command> staleQuery(IovaDomain domain, StaleQuery m) {
        IovaDomain.StaleCachedNode s = domain.staleCachedNode();
        return Reply.to(m.replyTo(), s == null ? new StaleNode(false, 0, 0) : new StaleNode(true, s.lo(), s.hi()));
    }
}
