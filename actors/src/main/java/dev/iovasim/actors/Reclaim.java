package dev.iovasim.actors;

import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.IovaTree;
import java.util.BitSet;

/**
 * Hot-unplug of CPUs whose node is gone: nobody can ask them what their magazines held or what
 * their workloads still had mapped, so the tree owner takes back every allocated range that no
 * survivor accounts for (a surviving CPU's magazines or workload, the depot, the driver). Run
 * only on a survey taken when no operation is in flight, or a range travelling in a message
 * would be taken back too.
 */
final class Reclaim {
    private Reclaim() {
    }

    /** Frees the ranges nobody in {@code g} (nor {@code driverHeld}) holds; returns how many. */
    static long unheld(IovaDomain domain, long[] driverHeld, Gather g) {
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
