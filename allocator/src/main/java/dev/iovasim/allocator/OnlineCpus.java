package dev.iovasim.allocator;

import java.util.BitSet;

/**
 * The online mask of a replay's domain: {@code cpudead} takes a CPU offline (iova_cpuhp_dead runs
 * after it left the mask), and a later operation on it is the trace's way of saying it came back.
 * What reads it: num_online_cpus() for 6.7's depot trim, for_each_online_cpu for a flush's visits,
 * and timers_dead_cpu()'s choice of where a dying CPU's timer goes. The reference engine keeps one;
 * in the actor engine the driver keeps the rule and the actors that read the mask keep copies,
 * told of each change ({@link #set}).
 */
public final class OnlineCpus {
    private final int cpus;
    private final BitSet offline = new BitSet();

    public OnlineCpus(int cpus) {
        this.cpus = cpus;
    }

    /** An operation on {@code cpu}: true if that brought it back online. */
    public boolean used(int cpu) {
        if (!offline.get(cpu)) return false;
        offline.clear(cpu);
        return true;
    }

    /** {@code cpu} went offline (cpudead): true if it was online. */
    public boolean dead(int cpu) {
        if (offline.get(cpu)) return false;
        offline.set(cpu);
        return true;
    }

    /** A copy follows the driver's change. */
    public void set(int cpu, boolean online) {
        offline.set(cpu, !online);
    }

    public boolean online(int cpu) {
        return !offline.get(cpu);
    }

    /** num_online_cpus(). */
    public int count() {
        return cpus - offline.cardinality();
    }

    /** The lowest-numbered online CPU, or -1 when none is. */
    public int lowest() {
        int c = offline.nextClearBit(0);
        return c < cpus ? c : -1;
    }
}
