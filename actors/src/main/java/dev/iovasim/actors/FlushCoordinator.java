package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One flush's fan-out and gather, as a short-lived child actor of the tree owner, one per flush,
 * so two flushes never share state: it sends Flush to each target of the fan-out shape whose CPUs
 * are still there (and Drain to the depot when the policy drains it) with itself as the reply
 * address, gathers the answers in slots by CPU, and hands the whole gather to the owner in one
 * message ({@link Gathered}). The owner stays the tree lock's holder and the domain's only user:
 * it frees what came back in CPU order and retries ({@link OwnerFlush}), its other requests
 * stashed meanwhile. Then the owner stops the child, once the flush is answered; or, when the
 * child went on without some answers (its gather clock ran out), it stays until each of those came or its CPUs were lost, forwarding each to the
 * owner, whose {@link StrayAnswers} frees its pfns (a late answer never dies as a dead letter),
 * and stops itself. Each child is spawned ahead, between flushes ({@link SpareCoordinator}), and
 * started by its flush ({@link Start}).
 */
public final class FlushCoordinator {

    /** What a flush coordinator receives: the answers, and from its owner lost CPUs and the end of its wait. */
    public sealed interface Command permits Answer, Lost, GiveUp, Start {
    }

    /** The answers a flush gathers; one that no coordinator waits for goes to the owner's strays. */
    public sealed interface Answer extends Command, TreeOwnerActor.Command permits Flushed, NodeFlushed, DepotDrained {
    }

    /**
     * A CPU's answer to a flush: its magazines' pfns, class 0..5, loaded then prev, index order; a
     * CPU actor sends its magazines' own arrays (one run each), a bare CPU or a deserialized answer
     * one array. On the wire always one array (the cluster's {@code FlushedSerializer}).
     */
    public record Flushed(int cpu, long round, PfnRuns pfns) implements Answer, FanOutMessage {
    }

    /**
     * A cpu node's answer to a per-node flush: its CPUs' pfns one after another in CPU order,
     * {@code counts[i]} of them for CPU {@code first + i}, each in the order a CPU's own answer has.
     */
    public record NodeFlushed(long round, int first, int[] counts, long[] pfns)
            implements Answer, FanOutMessage {
    }

    /** The depot's magazines, every class, in the policy's drain order. */
    public record DepotDrained(long round, long[] pfns) implements Answer {
    }

    /**
     * From the owner, never across a JVM: this child's flush, its gather (the lost CPUs' slots
     * already filled) and the targets whose CPUs are still there.
     */
    record Start(Gather gather, List<FanOutTargets.Target> targets, ActorRef<DepotActor.Command> depot) implements Command {
    }

    /** From the owner: the CPUs [first, first + count) are gone with their node; nobody waits for them. */
    record Lost(int first, int count) implements Command {
    }

    /**
     * From the owner, whose one periodic gather clock times every flush (a timer per flush cost
     * 28 µs, {@link Gather#TICKS_PER_TIMEOUT}): the wait is over, go on without the missing answers.
     * Sent once, only then: a clock tick sent to every flush could reach one that already stopped.
     */
    enum GiveUp implements Command { INSTANCE }

    /** To the owner, never across a JVM: the flush's slots, complete or given up on ({@code timedOut}). */
    record Gathered(Gather gather, boolean timedOut) implements TreeOwnerActor.Command {
    }

    private final ActorContext<Command> ctx;
    private final Gather gather;
    /** The gather's round, kept apart: after the hand-over the gather is the owner's. */
    private final long round;
    private final ActorRef<TreeOwnerActor.Command> owner;
    /** After the hand-over: the CPUs whose answer may still come, and whether the depot's may. */
    private BitSet due;
    private boolean depotDue;

    private FlushCoordinator(ActorContext<Command> ctx, Gather gather, ActorRef<TreeOwnerActor.Command> owner) {
        this.ctx = ctx;
        this.gather = gather;
        this.round = gather.round;
        this.owner = owner;
    }

    /**
     * A coordinator that waits for its flush ({@link Start}): spawned ahead of it, between
     * flushes ({@link SpareCoordinator}), so that no spawn lies on the flush's path.
     */
    static Behavior<Command> create(ActorRef<TreeOwnerActor.Command> owner) {
        return Behaviors.setup(ctx -> Behaviors.receiveMessage(m -> m instanceof Start s
                ? new FlushCoordinator(ctx, s.gather(), owner).fanOut(s.targets(), s.depot())
                : Behaviors.same()));
    }

    private Behavior<Command> fanOut(List<FanOutTargets.Target> targets, ActorRef<DepotActor.Command> depot) {
        ActorRef<Answer> self = ctx.getSelf().narrow();
        CpuActor.Flush flush = new CpuActor.Flush(round, self);
        for (FanOutTargets.Target t : targets) {
            gather.countMessage();
            t.ref().tell(flush);
        }
        if (gather.wantsDepot()) {
            gather.countMessage();
            depot.tell(new DepotActor.Drain(round, self));
        }
        return gather.complete() ? handOver(false) : Behaviors.receiveMessage(this::gathering);
    }

    private Behavior<Command> gathering(Command m) {
        boolean done;
        if (m instanceof Flushed f) done = onFlushed(f);
        else if (m instanceof NodeFlushed n) done = onNodeFlushed(n);
        else if (m instanceof DepotDrained d) done = onDepotDrained(d);
        else if (m instanceof Lost l) done = gather.lost(l.first(), l.count());
        else return handOver(true); // GiveUp
        return done ? handOver(false) : Behaviors.same();
    }

    private boolean onFlushed(Flushed m) {
        if (m.round() != round || !gather.cpu(m.cpu(), m.pfns(), null)) {
            owner.tell(m); // another round's, or a CPU's second: the owner frees its pfns
            return false;
        }
        gather.countMessage();
        return gather.complete();
    }

    private boolean onNodeFlushed(NodeFlushed m) {
        if (m.round() != round) {
            owner.tell(m);
            return false;
        }
        gather.countMessage();
        int at = 0;
        for (int i = 0; i < m.counts().length; i++) {
            long[] pfns = Arrays.copyOfRange(m.pfns(), at, at + m.counts()[i]);
            at += m.counts()[i];
            PfnRuns runs = PfnRuns.of(pfns);
            if (!gather.cpu(m.first() + i, runs, null)) owner.tell(new Flushed(m.first() + i, m.round(), runs));
        }
        return gather.complete();
    }

    private boolean onDepotDrained(DepotDrained m) {
        if (m.round() != round || gather.depotIn()) {
            owner.tell(m);
            return false;
        }
        gather.depot(m.pfns());
        gather.countMessage();
        return gather.complete();
    }

    /**
     * The slots go to the owner. A complete gather (the usual end: every CPU answered or is lost,
     * nothing more can come) leaves the child to be stopped by the owner once the flush is
     * answered: a child stopping itself here ran its termination before the owner's turn and the
     * owner took the child's end before the gather (40-80 µs of a 128-CPU flush, 2x its p50; the
     * stop's cost, docs/actors-notes.md). Otherwise the child stays while an answer it asked for may
     * still come, and stops itself.
     */
    private Behavior<Command> handOver(boolean timedOut) {
        gather.endNanos = System.nanoTime();
        if (gather.complete()) {
            owner.tell(new Gathered(gather, timedOut));
            return Behaviors.receiveMessage(this::handedOver);
        }
        due = new BitSet(gather.cpus());
        for (int c = 0; c < gather.cpus(); c++) {
            if (gather.cached(c) == null) due.set(c);
        }
        depotDue = gather.wantsDepot() && !gather.depotIn();
        owner.tell(new Gathered(gather, timedOut));
        return nothingDue() ? Behaviors.stopped() : Behaviors.receiveMessage(this::lingering);
    }

    private boolean nothingDue() {
        return due.isEmpty() && !depotDue;
    }

    /** Complete and handed over: waits for the owner's stop; no answer of its round can come, another's goes to the owner. */
    private Behavior<Command> handedOver(Command m) {
        if (m instanceof Answer a) owner.tell(a);
        return Behaviors.same();
    }

    /** After the hand-over every answer is late: to the owner, which frees its pfns. */
    private Behavior<Command> lingering(Command m) {
        if (m instanceof Answer a) owner.tell(a);
        if (m instanceof Flushed f && f.round() == round) due.clear(f.cpu());
        else if (m instanceof NodeFlushed n && n.round() == round) due.clear(n.first(), n.first() + n.counts().length);
        else if (m instanceof DepotDrained d && d.round() == round) depotDue = false;
        else if (m instanceof Lost l) due.clear(l.first(), l.first() + l.count());
        return nothingDue() ? Behaviors.stopped() : Behaviors.same();
    }
}
