package dev.iovasim.allocator.series;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.Depot;
import dev.iovasim.allocator.FlushQueue;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.TreeVisits;

/** The reference engine as a {@link SeriesSource}: read in place, every operation's visits heard as it ends. */
public final class AllocatorSeries implements SeriesSource, TreeVisits {
    private final IovaAllocator allocator;
    private final VisitHistogram allocNodes = new VisitHistogram();
    private final VisitHistogram freeNodes = new VisitHistogram();

    public AllocatorSeries(IovaAllocator allocator) {
        this.allocator = allocator;
        allocator.setTreeVisits(this);
    }

    @Override
    public void alloc(long nodes) {
        allocNodes.record(nodes);
    }

    @Override
    public void free(long nodes) {
        freeNodes.record(nodes);
    }

    @Override
    public void advanceClock(long nanos) {
        allocator.advanceClock(nanos);
    }

    @Override
    public SeriesFigures figures() {
        IovaDomain d = allocator.domain();
        FlushQueue fq = allocator.flushQueue();
        long[] inCpus = new long[SizeClass.CACHED_CLASSES];
        long[] inDepot = new long[SizeClass.CACHED_CLASSES];
        long magazines = 0;
        for (int cls = 0; cls < allocator.policy().rcacheClasses(); cls++) {
            Depot depot = allocator.depot(cls);
            // a column per kernel class (0..5); classes an rcache-classes switch adds above them
            // count only in depot_magazines
            if (cls < SizeClass.CACHED_CLASSES) {
                for (int c = 0; c < allocator.config().cpus(); c++) {
                    CpuCaches caches = allocator.caches(c);
                    inCpus[cls] += caches.cachedPfns(cls);
                }
                inDepot[cls] = depot.cachedPfns();
            }
            magazines += depot.size();
        }
        return new SeriesFigures(allocator.stats(), d.nodeCount(), inCpus, inDepot, magazines,
                fq == null ? 0 : fq.queued(), fq == null ? 0 : fq.longestQueue(), d.max32FastFails(), d.max32Resets(),
                allocNodes, freeNodes);
    }

    @Override
    public void close() {
        allocator.setTreeVisits(null);
    }
}
