package dev.iovasim.allocator.cost;

/**
 * A shared spinlock on a simulated clock: {@code iova_rbtree_lock}, a size class's depot lock,
 * or the IOMMU's invalidation queue. Callers must ask in the order of their simulated times (the
 * benchmark's event loop does); a CPU that arrives while the lock is held waits until it is free,
 * first come first served as a queued spinlock is. Taking it costs {@link CostModel#lockTakeNs},
 * plus {@link CostModel#lockHandoffNs} when another CPU held it last (its cache line moves); the
 * invalidation queue states its whole per-command cost as the hold instead.
 */
public final class SimLock {
    private final long takeNs;
    private final long handoffNs;
    private long freeAt;
    private int lastHolder = -1;
    private long acquisitions;
    private long handoffs;
    private long waitedNs;

    /** A spinlock: {@link CostModel#lockTakeNs} to take, {@link CostModel#lockHandoffNs} more after another CPU. */
    public SimLock(CostModel cost) {
        this(cost.lockTakeNs(), cost.lockHandoffNs());
    }

    /** A serialised resource whose taking and hand-off costs are part of what each holder states. */
    public SimLock(long takeNs, long handoffNs) {
        this.takeNs = takeNs;
        this.handoffNs = handoffNs;
    }

    /**
     * {@code cpu} takes the lock at simulated time {@code now} and holds it for {@code holdNs};
     * returns the nanoseconds from {@code now} until it lets go (wait, take, hand-off, hold).
     */
    public long hold(int cpu, long now, long holdNs) {
        release(acquire(cpu, now) + holdNs);
        return freeAt - now;
    }

    /**
     * {@code cpu} takes the lock at {@code now} for a hold whose length depends on what happens
     * under it (other locks, waits); returns the simulated time from which it holds it. The
     * caller must {@link #release} it before any other CPU asks.
     */
    public long acquire(int cpu, long now) {
        long start = Math.max(now, freeAt);
        long take = takeNs;
        if (lastHolder >= 0 && lastHolder != cpu) {
            take += handoffNs;
            handoffs++;
        }
        acquisitions++;
        waitedNs += start - now;
        lastHolder = cpu;
        freeAt = start + take;
        return freeAt;
    }

    /** The holder lets go at simulated time {@code at} (not before it took the lock). */
    public void release(long at) {
        freeAt = Math.max(freeAt, at);
    }

    public long acquisitions() {
        return acquisitions;
    }

    /** Acquisitions whose previous holder was another CPU. */
    public long handoffs() {
        return handoffs;
    }

    /** Nanoseconds CPUs spent waiting for the lock, summed. */
    public long waitedNs() {
        return waitedNs;
    }
}
