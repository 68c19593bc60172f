package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.series.VisitHistogram;
import java.util.Arrays;

/**
 * The tree owner's part of a time series: tree nodes visited per operation that reached the tree
 * (allocations, including a flush and its retry; free_iova_fast's frees, including a refused
 * depot magazine), the tree's size and the max32 figures, sent by {@link Sample}. Operations that
 * never reach the tree are not here: the sampler counts them as zero-visit ones. A map's SAC
 * attempt and the attempt after it are two requests but one operation: their visits add up
 * ({@link TreeOwnerActor.TreeAlloc#part}). Unplugs and trims are no operation of the series.
 */
final class TreeVisitBook {

    /** A request's place in its operation ({@link TreeOwnerActor.TreeAlloc#part}). */
    static final int WHOLE = 0;
    static final int SAC_ATTEMPT = 1;
    static final int AFTER_SAC = 2;

    /** The tree's figures for a row; the histograms start again after each. In one JVM only. */
    record Sample(ActorRef<TreeFigures> replyTo) implements TreeOwnerActor.Command {
    }

    record TreeFigures(long nodes, long max32FastFails, long max32Resets, VisitHistogram allocNodes,
                              VisitHistogram freeNodes) implements WireMessage {
    }

    private final IovaDomain domain;
    private final VisitHistogram allocs = new VisitHistogram();
    private final VisitHistogram frees = new VisitHistogram();
    /** No SAC attempt open on this CPU. */
    private static final long NONE = -1;
    /**
     * A map's SAC attempt's visits, by CPU, until its second attempt (or the next row) closes it:
     * a primitive array, since every tree allocation passes here whether or not a series is written.
     */
    private long[] sacOpen = new long[0];
    private TreeOwnerActor.TreeAlloc flushFor;
    private long flushStart;

    TreeVisitBook(IovaDomain domain) {
        this.domain = domain;
        // the tree owner keeps its book whether or not a series is written: a message costs more than the walk
        domain.countFreeDescents(true);
    }

    /** The tree's search steps now: an allocation request's start. */
    long mark() {
        return domain.nodesVisited();
    }

    /** The tree's free descents now: a free request's start. */
    long markFree() {
        return domain.freeNodesVisited();
    }

    /** {@code m} is answered; it started at {@code mark}. */
    void allocated(TreeOwnerActor.TreeAlloc m, long mark) {
        long visits = domain.nodesVisited() - mark;
        if (m.part() == WHOLE) {
            allocs.record(visits);
            return;
        }
        long open = takeOpen(m.cpu());
        if (m.part() == SAC_ATTEMPT) {
            if (open != NONE) allocs.record(open);
            sacOpen[m.cpu()] = visits;
        } else {
            allocs.record(open == NONE ? visits : open + visits);
        }
    }

    /** The CPU's open SAC attempt's visits (NONE if none), now closed. */
    private long takeOpen(int cpu) {
        if (cpu >= sacOpen.length) {
            int from = sacOpen.length;
            sacOpen = Arrays.copyOf(sacOpen, Math.max(cpu + 1, 2 * from));
            Arrays.fill(sacOpen, from, sacOpen.length, NONE);
        }
        long open = sacOpen[cpu];
        sacOpen[cpu] = NONE;
        return open;
    }

    /** {@code m}'s allocation failed and a flush began; its visits go on until {@link #flushed}. */
    void flushing(TreeOwnerActor.TreeAlloc m, long mark) {
        flushFor = m;
        flushStart = mark;
    }

    /** A flush is over (its retry answered); flushbench's flushes are no operation. */
    void flushed() {
        if (flushFor != null) allocated(flushFor, flushStart);
        flushFor = null;
    }

    /** A free_iova_fast that reached the tree, started at {@link #markFree}. */
    void freed(long mark) {
        frees.record(domain.freeNodesVisited() - mark);
    }

    Behavior<TreeOwnerActor.Command> sample(Sample m) {
        for (int c = 0; c < sacOpen.length; c++) {
            if (sacOpen[c] != NONE) allocs.record(sacOpen[c]);
            sacOpen[c] = NONE;
        }
        m.replyTo().tell(new TreeFigures(domain.nodeCount(), domain.max32FastFails(), domain.max32Resets(),
                allocs.copy(), frees.copy()));
        allocs.reset();
        frees.reset();
        return Behaviors.same();
    }
}
