package dev.iovasim.allocator;

/**
 * Returns a flush's pfns to the tree, in the order they arrive, and counts what they were worth
 * to the request that failed. Both engines use it, so the order of tree removals (which moves the
 * cached nodes) is decided by whoever feeds it: CPU 0..N-1, then the depot.
 */
public final class FlushAccount implements PfnSink {
    private final IovaDomain domain;
    private long limit;
    private int cpusVisited;
    private long pfns;
    private long useful;

    public FlushAccount(IovaDomain domain) {
        this.domain = domain;
    }

    public void begin(long requestLimit) {
        limit = requestLimit;
        cpusVisited = 0;
        pfns = 0;
        useful = 0;
    }

    public void visitedCpu() {
        cpusVisited++;
    }

    /**
     * A cached pfn goes back to the tree. One that no range holds (a caller freed a range twice, or
     * one it never had) is skipped uncounted, as iova_magazine_free_pfns skips it with a warning
     * since v5.9 ({@link IovaDomain#freeCached}, which records it: older kernels stop there on
     * BUG_ON, and a replay says so): it gives nothing back.
     */
    @Override
    public void accept(long pfn) {
        if (!domain.freeCached(pfn)) return;
        pfns++;
        if (Long.compareUnsigned(domain.lastFreedHi(), limit) <= 0) useful++;
    }

    public void acceptAll(long[] batch) {
        for (long pfn : batch) accept(pfn);
    }

    public long pfns() {
        return pfns;
    }

    public long useful() {
        return useful;
    }

    public int cpusVisited() {
        return cpusVisited;
    }

    public FlushRecord finish(boolean retrySucceeded) {
        return new FlushRecord(limit, pfns, useful, retrySucceeded);
    }
}
