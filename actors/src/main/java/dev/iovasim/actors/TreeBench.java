package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.SizeClass;
import java.util.List;

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
    public record Preloaded() implements TreeOwnerActor.Command {
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
        List<ActorRef<CpuActor.Command>> cpus = targets.cpus();
        long[][] pfns = new long[cpus.size()][];
        long total = 0;
        for (int c = 0; c < pfns.length; c++) {
            pfns[c] = preloadPfns(domain, m.perMagazine(), LIMIT);
            total += pfns[c].length;
        }
        // every tree allocation first, then the Preloads in one loop: sent between allocations,
        // each CPU's mailbox kept the node of its Preload among the tree's new nodes, and the
        // flush's tell and dequeue then missed on it, CPU after CPU, where the bare CPUs' mailboxes
        // kept the nodes of their previous round's fan-out, side by side (docs/performance.md,
        // "1024 CPUs in one JVM")
        for (int c = 0; c < pfns.length; c++) cpus.get(c).tell(new CpuActor.Preload(pfns[c], m.perMagazine(), self));
        refillReply = m.replyTo();
        refilledPfns = total;
        preloadsDue = targets.cpus().size();
        return Behaviors.same();
    }

    /** The pfns a CPU's {@link CpuActor.Preload} takes: a fresh allocation under {@code limit} for each slot, class by class. */
    static long[] preloadPfns(IovaDomain domain, int perMagazine, long limit) {
        long[] pfns = new long[SizeClass.CACHED_CLASSES * 2 * perMagazine];
        int k = 0;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            for (int i = 0; i < 2 * perMagazine; i++) pfns[k++] = domain.alloc(SizeClass.pages(c), limit);
        }
        return pfns;
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
