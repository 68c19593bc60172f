package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.IovaTree;
import dev.iovasim.allocator.Magazine;
import java.util.BitSet;

/**
 * One conservation check on the actor engine: asks every surviving CPU and the depot what they
 * hold, gathers the answers in slots by CPU, then checks that the tree, the magazines, the depot
 * and what the workloads and the driver hold account for every range exactly once. The tree
 * owner makes one per check and runs it under the tree lock (nothing else touches the tree
 * meanwhile), as it runs a flush ({@link OwnerFlush}). Unlike a flush's gather it is no child
 * actor: a survey runs once per check, and its answers are copies that no one need forward.
 */
public final class ConservationSurvey {

    /** The answers a survey gathers. */
    public sealed interface Answer extends TreeOwnerActor.Command permits CpuHoldings, DepotHoldings {
    }

    /** The conservation check; {@code held} is what the caller side (a trace driver) holds. */
    public record Check(long[] held, ActorRef<Checked> replyTo) implements TreeOwnerActor.Command {
    }

    /** @param reclaimed ranges taken back from lost CPUs before the check (nobody surviving held them) */
    public record Checked(boolean ok, long liveRanges, String problem, long reclaimed) implements WireMessage {
    }

    public record CpuHoldings(int cpu, long[] cached, long[] held) implements Answer {
    }

    public record DepotHoldings(long[] pfns) implements Answer {
    }

    private final Check check;
    /** The answers in slots by CPU; the owner reads its state (the depot's answer) and hands it losses and clock ticks. */
    final Gather gather;

    /** Starts a survey; it takes a round number too, from the same count as the flushes. */
    ConservationSurvey(Check check, long round, FanOutTargets targets, ActorRef<TreeOwnerActor.Command> self) {
        this.check = check;
        this.gather = targets.gather(round, true);
        targets.survey(self);
    }

    /** Records an answer and says whether every answer is in; a CPU's second answer is an error. */
    boolean answered(Answer m, StrayAnswers strays) {
        if (m instanceof CpuHoldings h) {
            if (!gather.cpu(h.cpu(), PfnRuns.of(h.cached()), h.held())) strays.survey("a second survey answer from cpu " + h.cpu());
        } else {
            gather.depot(((DepotHoldings) m).pfns());
        }
        return gather.complete();
    }

    void timedOut(long timeoutMillis, long reclaimed) {
        check.replyTo().tell(new Checked(false, 0, "conservation survey: " + gather.cpusIn() + " of "
                + gather.cpus() + " CPUs answered within " + timeoutMillis + " ms", reclaimed));
    }

    /**
     * Checks and answers. {@code reclaimed} counts the ranges taken back from lost CPUs by the
     * earlier checks; returns it with this check's added.
     */
    long finish(IovaDomain domain, FanOutTargets targets, long reclaimed) {
        Gather g = gather;
        long[] driverHeld = check.held();
        if (targets.anyLost()) reclaimed += reclaimUnheld(domain, driverHeld, g);
        Conservation.Result r = Conservation.check(domain, sink -> {
            for (long pfn : driverHeld) sink.accept(pfn);
            for (int c = 0; c < g.cpus(); c++) {
                for (long pfn : g.held(c)) sink.accept(pfn);
            }
        }, places -> {
            for (int c = 0; c < g.cpus(); c++) {
                places.accept(new Conservation.Place("cpu " + c + "'s magazines", asMagazine(g.cached(c).toArray())));
            }
            places.accept(new Conservation.Place("the depot", asMagazine(g.depot())));
        });
        check.replyTo().tell(new Checked(r.ok(), r.liveRanges(), r.problem(), reclaimed));
        return reclaimed;
    }

    private static Magazine asMagazine(long[] pfns) {
        return Magazine.of(pfns.length, pfns);
    }

    /**
     * Hot-unplug of CPUs whose node is gone: nobody can ask them what their magazines held or what
     * their workloads still had mapped, so the tree owner takes back every allocated range that no
     * survivor accounts for (a surviving CPU's magazines or workload, the depot, the driver). Run
     * only on a survey taken when no operation is in flight, or a range travelling in a message
     * would be taken back too. Frees the ranges nobody in {@code g} (nor {@code driverHeld}) holds;
     * returns how many.
     */
    private static long reclaimUnheld(IovaDomain domain, long[] driverHeld, Gather g) {
        IovaTree t = domain.tree();
        BitSet held = new BitSet();
        mark(t, driverHeld, held);
        for (int c = 0; c < g.cpus(); c++) {
            PfnRuns cached = g.cached(c);
            if (cached != null) cached.forEach(pfn -> mark(t, pfn, held));
            mark(t, g.held(c), held);
        }
        mark(t, g.depot(), held);
        PfnList orphans = new PfnList();
        for (int n = t.first(); n != IovaTree.NIL; n = t.next(n)) {
            if (!held.get(n) && !t.isReserved(n)) orphans.accept(t.lo(n));
        }
        long[] pfns = orphans.toArray();
        for (long pfn : pfns) domain.free(pfn);
        return pfns.length;
    }

    private static void mark(IovaTree t, long[] pfns, BitSet held) {
        if (pfns == null) return;
        for (long pfn : pfns) mark(t, pfn, held);
    }

    private static void mark(IovaTree t, long pfn, BitSet held) {
        int n = t.findContaining(pfn);
        if (n != IovaTree.NIL) held.set(n);
    }
}
