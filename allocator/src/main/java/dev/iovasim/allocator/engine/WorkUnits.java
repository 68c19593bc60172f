package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaAllocator;

/**
 * The work a run made the kernel do, by kind: tree nodes the search walked, tree inserts and
 * erases (every pfn a flush frees is an erase), pfns pushed into or popped from magazines,
 * magazines passed between a CPU and the depot, and CPUs visited by flushes.
 */
public record WorkUnits(long treeNodesVisited, long treeInserts, long treeErases, long magazineMoves,
                        long depotExchanges, long flushCpuVisits) {
    public static WorkUnits of(IovaAllocator a) {
        AllocStats s = a.stats();
        return new WorkUnits(a.domain().nodesVisited(), a.domain().inserts(), a.domain().erases(),
                s.get(Counter.MAGAZINE_MOVES), s.get(Counter.DEPOT_EXCHANGES), s.get(Counter.FLUSH_CPU_VISITS));
    }

    public long total() {
        return treeNodesVisited + treeInserts + treeErases + magazineMoves + depotExchanges + flushCpuVisits;
    }
}
