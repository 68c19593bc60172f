package dev.iovasim.allocator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a run's figures move over time: cumulative counters and levels sampled at regular
 * operation counts. Between 32 and 64 samples are kept whatever the run's length: when the
 * arrays fill, every other sample is dropped and the interval doubles, which loses nothing because
 * the counters are cumulative.
 */
public final class DriftSeries {
    private static final int CAPACITY = 64;

    private final long[] ops = new long[CAPACITY];
    private final long[] allocs = new long[CAPACITY];
    private final long[] hits = new long[CAPACITY];
    private final long[] work = new long[CAPACITY];
    private final long[] flushes = new long[CAPACITY];
    private final long[] virtualNanos = new long[CAPACITY];
    private final long[] treeNodes = new long[CAPACITY];
    private final long[] cachedPfns = new long[CAPACITY];
    private int count;
    private long interval;
    private long base;
    private final long[] baseline = new long[5];

    /** @param firstInterval operations between samples at the start */
    public DriftSeries(long firstInterval) {
        this.interval = Math.max(1, firstInterval);
    }

    /** The counters at the start (after setup): the first interval is measured from here. */
    public void start(long opsNow, long allocsNow, long hitsNow, long workNow, long flushesNow) {
        base = opsNow;
        baseline[0] = opsNow;
        baseline[1] = allocsNow;
        baseline[2] = hitsNow;
        baseline[3] = workNow;
        baseline[4] = flushesNow;
    }

    /** The operation count at which the next sample is due. */
    public long nextDue() {
        long last = count == 0 ? base : ops[count - 1];
        return last + interval;
    }

    public void sample(long opsNow, long allocsNow, long hitsNow, long workNow, long flushesNow, long nanos,
                       long nodes, long cached) {
        if (count == CAPACITY) halve();
        ops[count] = opsNow;
        allocs[count] = allocsNow;
        hits[count] = hitsNow;
        work[count] = workNow;
        flushes[count] = flushesNow;
        virtualNanos[count] = nanos;
        treeNodes[count] = nodes;
        cachedPfns[count] = cached;
        count++;
    }

    /**
     * The last sample, at the end of the run: a trailing interval shorter than half the current
     * one replaces the previous sample instead of standing alone (its rates would be noise).
     */
    public void finish(long opsNow, long allocsNow, long hitsNow, long workNow, long flushesNow, long nanos,
                       long nodes, long cached) {
        if (opsNow <= lastOps()) return;
        if (count > 1 && opsNow - ops[count - 1] < interval / 2) count--;
        sample(opsNow, allocsNow, hitsNow, workNow, flushesNow, nanos, nodes, cached);
    }

    /** The sample an eighth into the run: past the caches' warm-up, where drift is measured from. */
    public int warmIndex() {
        return count / 8;
    }

    public long lastOps() {
        return count == 0 ? base : ops[count - 1];
    }

    private void halve() {
        int k = 0;
        for (int i = 1; i < count; i += 2) {
            ops[k] = ops[i];
            allocs[k] = allocs[i];
            hits[k] = hits[i];
            work[k] = work[i];
            flushes[k] = flushes[i];
            virtualNanos[k] = virtualNanos[i];
            treeNodes[k] = treeNodes[i];
            cachedPfns[k] = cachedPfns[i];
            k++;
        }
        count = k;
        interval *= 2;
    }

    /** One report per interval: its end, hit rate, work per operation, flushes, and the levels at its end. */
    public List<RunReport> intervals() {
        List<RunReport> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(interval(i));
        return out;
    }

    private RunReport interval(int i) {
        long dOps = ops[i] - prev(ops, i, 0);
        long dAllocs = allocs[i] - prev(allocs, i, 1);
        long dHits = hits[i] - prev(hits, i, 2);
        long dWork = work[i] - prev(work, i, 3);
        long dFlushes = flushes[i] - prev(flushes, i, 4);
        return new RunReport()
                .put("ops", ops[i])
                .put("virtual_ms", virtualNanos[i] / 1e6)
                .put("allocs", dAllocs)
                .put("hit_rate", dAllocs == 0 ? 0 : (double) dHits / dAllocs)
                .put("work_units_per_op", dOps == 0 ? 0 : (double) dWork / dOps)
                .put("flushes", dFlushes)
                .put("tree_nodes", treeNodes[i])
                .put("cached_pfns", cachedPfns[i]);
    }

    private long prev(long[] a, int i, int baselineIndex) {
        return i == 0 ? baseline[baselineIndex] : a[i - 1];
    }

    @Override
    public String toString() {
        return "DriftSeries" + Arrays.toString(Arrays.copyOf(ops, count));
    }
}
