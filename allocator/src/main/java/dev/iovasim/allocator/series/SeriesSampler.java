package dev.iovasim.allocator.series;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.SizeClass;

/**
 * Turns an engine's counters and state ({@link SeriesSource}) into time-series rows ({@link Column}
 * order), one per interval of simulated time. The engine calls {@link #rowsUntil} as its clock
 * moves and {@link #finish} at the end; interval columns are differences from the previous row.
 */
public final class SeriesSampler {
    private static final Column[] COLUMNS = Column.values();

    private final SeriesSource source;
    private final String policy;
    private final SeriesSpec spec;
    /** Counter values at the previous row, indexed by Column ordinal. */
    private final long[] last = new long[COLUMNS.length];
    private long lastFqWait;
    private long lastOps;
    private long lastAllocs;
    private long lastFrees;
    private long nextRow;
    private long rows;

    public SeriesSampler(SeriesSource source, String policy, SeriesSpec spec) {
        this.source = source;
        this.policy = policy;
        this.spec = spec;
        this.nextRow = spec.intervalNanos();
    }

    public long nextRowNanos() {
        return nextRow;
    }

    /**
     * Writes a row for every interval boundary before {@code now}, moving the engine's clock to
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
        source.close();
    }

    private void boundary(long ops) {
        source.advanceClock(nextRow);
        emit(nextRow, ops);
        nextRow += spec.intervalNanos();
    }

    public long rows() {
        return rows;
    }

    private void emit(long now, long ops) {
        Object[] v = new Object[COLUMNS.length];
        SeriesFigures f = source.figures();
        AllocStats s = f.stats();
        v[Column.POLICY.ordinal()] = policy;
        v[Column.TIME.ordinal()] = now / 1e9;
        v[Column.OPS.ordinal()] = ops - lastOps;
        lastOps = ops;
        v[Column.TREE_NODES.ordinal()] = f.treeNodes();
        for (int cls = 0; cls < SizeClass.CACHED_CLASSES; cls++) {
            v[Column.MAG_PFNS_0.ordinal() + cls] = f.magazinePfns()[cls];
            v[Column.DEPOT_PFNS_0.ordinal() + cls] = f.depotPfns()[cls];
        }
        v[Column.DEPOT_MAGAZINES.ordinal()] = f.depotMagazines();
        for (Column c : COLUMNS) {
            if (c.counter() != null) delta(v, c, s.get(c.counter()));
        }
        long freed = (long) v[Column.FQ_FREED.ordinal()];
        // the operations a source left out of its histograms visited no node
        f.allocNodes().recordZeros(s.get(Counter.ALLOCS) - lastAllocs - f.allocNodes().count());
        f.freeNodes().recordZeros(s.get(Counter.FREES) - lastFrees - f.freeNodes().count());
        lastAllocs = s.get(Counter.ALLOCS);
        lastFrees = s.get(Counter.FREES);
        histogram(v, Column.ALLOC_NODES_MEAN, f.allocNodes());
        histogram(v, Column.FREE_NODES_MEAN, f.freeNodes());
        v[Column.FQ_WAIT_MEAN.ordinal()] = freed == 0 ? 0.0 : (s.get(Counter.FQ_WAIT_NANOS) - lastFqWait) / 1e3 / freed;
        lastFqWait = s.get(Counter.FQ_WAIT_NANOS);
        v[Column.FQ_QUEUED.ordinal()] = f.fqQueued();
        v[Column.FQ_LONGEST.ordinal()] = f.fqLongest();
        delta(v, Column.MAX32_FAST_FAILS, f.max32FastFails());
        delta(v, Column.MAX32_RESETS, f.max32Resets());
        spec.sink().row(v);
        rows++;
    }

    private void delta(Object[] v, Column c, long now) {
        v[c.ordinal()] = now - last[c.ordinal()];
        last[c.ordinal()] = now;
    }

    /** Mean, p99 and max go in {@code mean} and the two columns after it. */
    private static void histogram(Object[] v, Column mean, VisitHistogram h) {
        v[mean.ordinal()] = h.mean();
        v[mean.ordinal() + 1] = h.quantile(0.99);
        v[mean.ordinal() + 2] = h.max();
        h.reset();
    }
}
