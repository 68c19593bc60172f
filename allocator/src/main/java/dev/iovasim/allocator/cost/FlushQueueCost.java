package dev.iovasim.allocator.cost;

import dev.iovasim.allocator.engine.WorkUnits;

/**
 * Prices lazy invalidation (a flush-queue domain, drivers/iommu/dma-iommu.c v6.1 and later) on
 * the simulated clock, on top of the domain's {@link OpCost} (whose invalidation queue, depot
 * locks and rbtree lock it shares):
 * <ul>
 *   <li>an unmap ({@code __iommu_dma_unmap} with {@code iotlb_gather.queued} set) clears its
 *       page-table entries with {@code iommu_unmap_fast} and skips {@code iommu_iotlb_sync}; the
 *       IOVA goes to {@code queue_iova}, which, under the queue's lock, frees the entries earlier
 *       flushes made safe ({@code fq_ring_free}) and, only when the queue is still full, makes one
 *       domain-wide IOTLB flush ({@code fq_flush_iotlb}) and frees again;</li>
 *   <li>the queue timer ({@code fq_flush_timeout}) makes one domain-wide flush, then takes each
 *       queue's lock in turn and frees its flushed entries, on the CPU that armed it.</li>
 * </ul>
 * Every freed IOVA is a {@code free_iova_fast} on the CPU doing the freeing, priced by the work it
 * did (magazine pushes, depot exchanges, tree erases). One queue lock per queue: a CPU's own
 * (taken by the timer too), or the one shared lock of {@code lazy-single}, where CPUs wait for each other.
 */
public final class FlushQueueCost {
    private final OpCost op;
    private final SimLock[] queueLocks;

    /** @param queues one per CPU, or 1 for the single queue */
    public FlushQueueCost(OpCost op, int queues) {
        this.op = op;
        this.queueLocks = new SimLock[queues];
        for (int i = 0; i < queues; i++) queueLocks[i] = new SimLock(op.model());
    }

    /**
     * Nanoseconds of a lazy unmap of {@code pages} pages by {@code cpu} starting at {@code now},
     * whose {@code queue_iova} freed {@code frees} queued IOVAs (work between {@code before} and
     * {@code after}) and made {@code flushes} IOTLB flushes (0, or 1 when the queue was full).
     * The per-page cost is the calibrated one, which includes building a per-page invalidation
     * command that a queued unmap skips: an upper bound on the lazy unmap.
     */
    public long unmap(int cpu, long now, long pages, WorkUnits before, WorkUnits after, long frees, long flushes) {
        long t = op.pageTableClear(now, pages);
        SimLock lock = queueLocks[queueLocks.length == 1 ? 0 : cpu];
        t = lock.acquire(cpu, t);
        for (long f = 0; f < flushes; f++) t = op.flushIotlbAll(cpu, t);
        t = op.freeWork(cpu, t, pages, frees, before, after);
        lock.release(t);
        return t - now;
    }

    /**
     * Nanoseconds of {@code fq_flush_timeout} on {@code cpu} from {@code now}: one flush, each
     * queue's lock in turn, and {@code frees} frees of {@code pages}-page IOVAs (work between
     * {@code before} and {@code after}). The frees are priced after the walk over the locks: a
     * work counter says how much, not which queue it came from.
     */
    public long timer(int cpu, long now, long pages, WorkUnits before, WorkUnits after, long frees) {
        long t = op.flushIotlbAll(cpu, now);
        for (SimLock lock : queueLocks) {
            t = lock.acquire(cpu, t);
            lock.release(t);
        }
        t = op.freeWork(cpu, t, pages, frees, before, after);
        return t - now;
    }
}
