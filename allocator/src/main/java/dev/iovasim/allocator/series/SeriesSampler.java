package dev.iovasim.allocator.series;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.Depot;
import dev.iovasim.allocator.FlushQueue;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.TreeVisits;

/**
 * Turns one allocator's counters and state into time-series rows ({@link Column} order), one per
 * interval of simulated time. The engine calls {@link #rowsUntil} as its clock moves and
 * {@link #finish} at the end; interval columns are differences from the previous row.
 */
public final class SeriesSampler implements TreeVisits {
    private static final Column[] COLUMNS = Column.values();

    private final IovaAllocator allocator;
    private final String policy;
    private final SeriesSpec spec;
    private final VisitHistogram allocNodes = new VisitHistogram();
    private final VisitHistogram freeNodes = new VisitHistogram();
    /** Counter values at the previous row, indexed by Column ordinal. */
    private final long[] last = new long[COLUMNS.length];
    private long lastFqWait;
    private long lastOps;
    private long nextRow;
    private long rows;

    public SeriesSampler(IovaAllocator allocator, String policy, SeriesSpec spec) {
        this.allocator = allocator;
        this.policy = policy;
        this.spec = spec;
        this.nextRow = spec.intervalNanos();
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

    /** The simulated time of the next row. */
    public long nextRowNanos() {
        return nextRow;
    }

    /**
     * Writes a row for every interval boundary before {@code now}, moving the allocator's clock to
     * each boundary first so that the timers due by then have run. An operation at a boundary's
     * very time belongs to the interval that ends there, so that boundary waits.
     *
     * @param ops operations the workload has issued so far
     */
    public void rowsUntil(long now, long ops) {
        while (nextRow < now) boundary(ops);
    }

    /** The end of the run: rows up to and including {@code now}, the last one possibly short. */
    public void finish(long now, long ops) {
        while (nextRow <= now) boundary(ops);
        if (now > nextRow - spec.intervalNanos() || rows == 0) emit(now, ops);
        allocator.setTreeVisits(null);
    }

    private void boundary(long ops) {
        allocator.advanceClock(nextRow);
        emit(nextRow, ops);
        nextRow += spec.intervalNanos();
    }

    public long rows() {
        return rows;
    }

    private void emit(long now, long ops) {
        Object[] v = new Object[COLUMNS.length];
        AllocStats s = allocator.stats();
        IovaDomain d = allocator.domain();
        FlushQueue fq = allocator.flushQueue();
        v[Column.POLICY.ordinal()] = policy;
        v[Column.TIME.ordinal()] = now / 1e9;
        v[Column.OPS.ordinal()] = ops - lastOps;
        lastOps = ops;
        v[Column.TREE_NODES.ordinal()] = (long) d.nodeCount();
        long magazines = 0;
        int classes = allocator.policy().rcacheClasses();
        for (int cls = 0; cls < classes; cls++) {
            long inCpus = 0;
            for (int c = 0; c < allocator.config().cpus(); c++) {
                CpuCaches caches = allocator.caches(c);
                inCpus += caches.of(cls).cachedPfns();
            }
            Depot depot = allocator.depot(cls);
            // the CSV has a column per kernel class (0..5); classes an rcache-classes switch adds
            // above them count only in depot_magazines
            if (cls < SizeClass.CACHED_CLASSES) {
                v[Column.MAG_PFNS_0.ordinal() + cls] = inCpus;
                v[Column.DEPOT_PFNS_0.ordinal() + cls] = (long) depot.cachedPfns();
            }
            magazines += depot.size();
        }
        v[Column.DEPOT_MAGAZINES.ordinal()] = magazines;
        for (Column c : COLUMNS) {
            if (c.counter() != null) delta(v, c, s.get(c.counter()));
        }
        long freed = (long) v[Column.FQ_FREED.ordinal()];
        histogram(v, Column.ALLOC_NODES_MEAN, allocNodes);
        histogram(v, Column.FREE_NODES_MEAN, freeNodes);
        v[Column.FQ_WAIT_MEAN.ordinal()] = freed == 0 ? 0.0 : (s.get(Counter.FQ_WAIT_NANOS) - lastFqWait) / 1e3 / freed;
        lastFqWait = s.get(Counter.FQ_WAIT_NANOS);
        v[Column.FQ_QUEUED.ordinal()] = fq == null ? 0L : fq.queued();
        v[Column.FQ_LONGEST.ordinal()] = fq == null ? 0L : (long) fq.longestQueue();
        delta(v, Column.MAX32_FAST_FAILS, d.max32FastFails());
        delta(v, Column.MAX32_RESETS, d.max32Resets());
        spec.sink().row(v);
        rows++;
    }

    private long delta(Object[] v, Column c, long now) {
        long d = now - last[c.ordinal()];
        last[c.ordinal()] = now;
        v[c.ordinal()] = d;
        return d;
    }

    /** Mean, p99 and max go in {@code mean} and the two columns after it. */
    private static void histogram(Object[] v, Column mean, VisitHistogram h) {
        v[mean.ordinal()] = h.mean();
        v[mean.ordinal() + 1] = h.quantile(0.99);
        v[mean.ordinal() + 2] = h.max();
        h.reset();
    }
}
