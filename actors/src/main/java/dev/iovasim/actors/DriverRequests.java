package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.OnlineCpus;

/**
 * What a driver (a trace replay, a free-running run's setup) asks of the domain outside any CPU:
 * reserve_iova, a CPU's online state ({@link Online}), and the first kernel event of a kind ({@link IovaDomain.KernelEvent}: v4.15's stale cached node, a
 * cached pfn no range holds). The tree owner answers them at once, being the tree lock.
 */
public final class DriverRequests {

    public record Reserve(long lo, long hi, ActorRef<Reserved> replyTo) implements TreeOwnerActor.Command {
    }

    public record Reserved(boolean ok) implements WireMessage {
    }

    /** The first event of the kind whose ordinal is {@code kind} ({@link IovaDomain.KernelEvent.Kind}). */
    public record EventQuery(int kind, ActorRef<Event> replyTo) implements TreeOwnerActor.Command {
    }

    /**
     * @param kinds   every kind seen so far ({@link IovaDomain#kernelEventKinds})
     * @param present the kind asked has happened: its first event's range is {@code [lo, hi]}
     */
    public record Event(int kinds, boolean present, long lo, long hi) implements WireMessage {
    }

    /**
     * A replay's CPU went offline (cpudead) or is back ({@code online}): flushes count online CPUs
     * as visited. Answered {@code Reserved(true)} once applied.
     */
    public record Online(int cpu, boolean online, ActorRef<Reserved> replyTo) implements TreeOwnerActor.Command {
    }

    private DriverRequests() {
    }

    static Behavior<TreeOwnerActor.Command> reserve(IovaDomain domain, Reserve m) {
        return Reply.to(m.replyTo(), new Reserved(domain.reserve(m.lo(), m.hi())));
    }

    static Behavior<TreeOwnerActor.Command> online(OnlineCpus mask, Online m) {
        mask.set(m.cpu(), m.online());
        return Reply.to(m.replyTo(), new Reserved(true));
    }

    static Behavior<TreeOwnerActor.Command> eventQuery(IovaDomain domain, EventQuery m) {
        IovaDomain.KernelEvent e = domain.kernelEvent(IovaDomain.KernelEvent.Kind.values()[m.kind()]);
        int kinds = domain.kernelEventKinds();
        return Reply.to(m.replyTo(), e == null ? new Event(kinds, false, 0, 0) : new Event(kinds, true, e.lo(), e.hi()));
    }
}
