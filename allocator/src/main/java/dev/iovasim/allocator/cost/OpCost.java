package dev.iovasim.allocator.cost;

import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.engine.WorkUnits;

/**
 * Prices one {@code dma_map_single} or {@code dma_unmap_single} on a simulated clock, from the
 * work the allocator counted while doing it ({@link WorkUnits} before and after) and the shared
 * locks that work needed. One instance per simulated domain: it owns the domain's shared locks
 * (the rbtree lock, one depot lock per size class, the invalidation queue), so waits and
 * hand-offs between CPUs come out of the order in which the caller presents operations.
 *
 * <p>The work of one operation is priced in the order the kernel does it: the CPU's own rcache
 * (its lock, the magazine pushes and pops), the depot (under the class's lock), the CPUs a flush
 * visits, then the rbtree (under {@code iova_rbtree_lock}: the fixed part of an allocation, each
 * node the kernel's walk visits, each insert and erase). A work counter tells only how much, not
 * in which order within one call: a failed 32-bit attempt followed by a full-width one is priced
 * as one longer hold of the tree lock.
 */
public final class OpCost {
    private final CostModel cost;
    private final SimLock treeLock;
    private final SimLock[] depotLocks = new SimLock[SizeClass.MAX_CACHED_CLASSES];
    private final SimLock invalidationQueue;

    public OpCost(CostModel cost) {
        this.cost = cost;
        this.treeLock = new SimLock(cost);
        for (int c = 0; c < depotLocks.length; c++) depotLocks[c] = new SimLock(cost);
        // the command queue is not a spinlock: a CPU claims slots with one atomic update, whose cost
        // (cache line moves included) is iotlbQueueNs per command
        this.invalidationQueue = new SimLock(0, 0);
    }

    public CostModel model() {
        return cost;
    }

    public SimLock treeLock() {
        return treeLock;
    }

    public SimLock invalidationQueue() {
        return invalidationQueue;
    }

    /**
     * Nanoseconds of a map of {@code pages} pages by {@code cpu} starting at {@code now}, whose
     * allocation did the work between {@code before} and {@code after} and was served as
     * {@code outcome} ({@link Outcome}).
     */
    public long map(int cpu, long now, long pages, WorkUnits before, WorkUnits after, int outcome) {
        long t = now + cost.mapBaseNs();
        boolean treeTouched = outcome == Outcome.TREE || outcome == Outcome.FAILED;
        t = allocatorWork(cpu, t, pages, 1, before, after, treeTouched, true);
        t += pages * cost.mapPerPageNs();
        return t - now;
    }

    /**
     * Nanoseconds of an unmap of {@code pages} pages by {@code cpu} starting at {@code now} under
     * strict invalidation: the page-table clear, the IOTLB invalidation and its sync, then the free
     * whose work is between {@code before} and {@code after}.
     */
    public long unmap(int cpu, long now, long pages, WorkUnits before, WorkUnits after) {
        long t = pageTableClear(now, pages);
        // one invalidation command per page (no range invalidation), then one sync to wait for
        t += invalidationQueue.hold(cpu, t, pages * cost.iotlbQueueNs());
        t += cost.iotlbFlushNs();
        t = freeWork(cpu, t, pages, 1, before, after);
        return t - now;
    }

    /** When an unmap of {@code pages} pages starting at {@code now} has cleared its page-table entries. */
    long pageTableClear(long now, long pages) {
        return now + cost.unmapBaseNs() + pages * cost.unmapPerPageNs();
    }

    /**
     * One domain-wide IOTLB flush by {@code cpu} from {@code t} (fq_flush_iotlb: flush_iotlb_all,
     * one invalidate-all command on the command queue and its sync); returns when it is done.
     */
    long flushIotlbAll(int cpu, long t) {
        return t + invalidationQueue.hold(cpu, t, cost.iotlbQueueNs()) + cost.iotlbFlushNs();
    }

    /**
     * {@code frees} calls of free_iova_fast on {@code cpu} of {@code pages}-page IOVAs from
     * {@code t}, whose work is between {@code before} and {@code after}; returns when they are done.
     */
    long freeWork(int cpu, long t, long pages, long frees, WorkUnits before, WorkUnits after) {
        if (frees == 0) return t;
        boolean treeTouched = after.treeErases() > before.treeErases() || after.treeInserts() > before.treeInserts();
        return allocatorWork(cpu, t, pages, frees, before, after, treeTouched, false);
    }

    private long allocatorWork(int cpu, long t, long pages, long calls, WorkUnits before, WorkUnits after,
                               boolean treeTouched, boolean alloc) {
        int cls = SizeClass.of(SizeClass.round(pages));
        if (SizeClass.cached(cls)) {
            // alloc_iova_fast / free_iova_fast always look at the CPU's own rcache first
            t += calls * cost.rcacheLockNs() + (after.magazineMoves() - before.magazineMoves()) * cost.magazineOpNs();
            long exchanges = after.depotExchanges() - before.depotExchanges();
            if (exchanges > 0) t += depotLocks[cls].hold(cpu, t, exchanges * cost.depotExchangeNs());
        }
        t += (after.flushCpuVisits() - before.flushCpuVisits()) * cost.flushCpuNs();
        if (treeTouched) {
            long hold = (alloc ? cost.treeAllocBaseNs() : 0)
                    + (after.treeNodesVisited() - before.treeNodesVisited()) * cost.treeNodeNs()
                    + (after.treeInserts() - before.treeInserts() + after.treeErases() - before.treeErases())
                    * cost.treeUpdateNs();
            t += treeLock.hold(cpu, t, hold);
        }
        return t;
    }
}
