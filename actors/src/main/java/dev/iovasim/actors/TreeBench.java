package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.IovaDomain;

/**
 * flushbench's side of the tree owner: fills every CPU's magazines from the tree before a round
 * ({@link BenchRefill}) and answers once every CPU holds them, so no round times a refill; the
 * round itself ({@link BenchFlush}) is a flush with no allocation around it ({@link OwnerFlush}).
 */
public final class TreeBench {
    /** Refills and bench rounds allocate below this limit, so a round's flush returns every pfn as useful. */
    public static final long LIMIT = (1L << 36) - 1;

    /** Allocate {@code perMagazine} pfns for each of every CPU's 12 magazines and send them. */
    public record BenchRefill(int perMagazine, ActorRef<Refilled> replyTo) implements TreeOwnerActor.Command {
    }

    public record Refilled(long pfns) implements WireMessage {
    }

    /** A CPU has taken its flushbench magazines. */
    public record Preloaded(int cpu) implements TreeOwnerActor.Command {
    }

    /** One flush with no allocation around it. */
    public record BenchFlush(ActorRef<BenchRound> replyTo) implements TreeOwnerActor.Command {
    }

    /** @param gatherNanos fan-out until the last answer; @param flushNanos until every pfn is back in the tree */
    public record BenchRound(long gatherNanos, long flushNanos, long messages, long bytes, long pfns) implements WireMessage {
    }

    private ActorRef<Refilled> refillReply;
    private long refilledPfns;
    private int preloadsDue;

    Behavior<TreeOwnerActor.Command> refill(BenchRefill m, IovaDomain domain, FanOutTargets targets,
                                            ActorRef<TreeOwnerActor.Command> self) {
        long total = 0;
        for (ActorRef<CpuActor.Command> c : targets.cpus()) {
            long[] pfns = MagazineCopies.preloadPfns(domain, m.perMagazine(), LIMIT);
            total += pfns.length;
            c.tell(new CpuActor.Preload(pfns, m.perMagazine(), self));
        }
        refillReply = m.replyTo();
        refilledPfns = total;
        preloadsDue = targets.cpus().size();
        return Behaviors.same();
    }

    /** The refill is answered once every CPU holds its magazines. */
    Behavior<TreeOwnerActor.Command> preloaded(Preloaded m) {
        if (--preloadsDue == 0) {
            refillReply.tell(new Refilled(refilledPfns));
            refillReply = null;
        }
        return Behaviors.same();
    }
}
