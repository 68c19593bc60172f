package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * fq_flush_timeout's walk over the per-CPU rings, for the {@link FlushTimerActor}: a
 * {@link CpuFlushQueue.DrainRing} to every CPU, their answers gathered in CPU order. CPUs gone with
 * their node (a cluster's) are not asked, and one lost while its answer is awaited counts as
 * empty: what its ring held is taken back by the tree owner's survey. A part of the timer actor,
 * fed from its mailbox.
 */
final class RingDrain {
    private final List<ActorRef<CpuActor.Command>> cpus;
    private final boolean[] lost;
    private long[][] drained;
    private int missing;

    RingDrain(List<ActorRef<CpuActor.Command>> cpus) {
        this.cpus = cpus;
        this.lost = new boolean[cpus.size()];
    }

    /** Asks every surviving CPU for its ring's entries below {@code finishCnt}; true when none is to come. */
    boolean start(long finishCnt, long nowNanos, ActorRef<FlushTimerActor.Command> replyTo) {
        drained = new long[cpus.size()][];
        missing = 0;
        for (int c = 0; c < cpus.size(); c++) {
            if (lost[c]) {
                drained[c] = new long[0];
                continue;
            }
            missing++;
            cpus.get(c).tell(new CpuFlushQueue.DrainRing(finishCnt, nowNanos, replyTo));
        }
        return missing == 0;
    }

    /** CPU {@code cpu}'s entries are in; true when they were the last awaited. */
    boolean drained(int cpu, long[] entries) {
        if (drained == null || drained[cpu] != null) return false; // its node was reported lost before its answer came
        drained[cpu] = entries;
        return --missing == 0;
    }

    /** CPUs [first, first + count) are gone; true when the drain awaited only them. */
    boolean lose(int first, int count) {
        boolean completed = false;
        for (int c = first; c < first + count; c++) {
            lost[c] = true;
            if (drained != null && missing > 0 && drained[c] == null) {
                drained[c] = new long[0];
                completed |= --missing == 0;
            }
        }
        return completed;
    }

    boolean lost(int cpu) {
        return lost[cpu];
    }

    /** Every ring's entries, (pfn, pages) pairs in CPU order; the drain is over. */
    long[] entries() {
        PfnList all = new PfnList();
        for (long[] ring : drained) {
            for (long v : ring) all.accept(v);
        }
        drained = null;
        return all.toArray();
    }
}
