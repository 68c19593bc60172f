package dev.iovasim.allocator.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run's figures move over time: cumulative counters and levels sampled at regular
 * operation counts. At most 64 samples are kept: when the slots fill, every other sample is
 * dropped and the interval doubles, which loses nothing because the counters are cumulative. How
 * many a run gets depends on its first interval ({@link ReferenceRun} asks for one sample per
 * max(1024, ops / 48) operations: 48 for a long run, fewer for a short one).
 */
public final class DriftSeries {
    private static final int CAPACITY = 64;

    /**
     * The figures at one moment: counters since the run began (an interval's figure is the
     * difference of two samples), then levels at that moment (the simulated time, tree nodes and
     * cached pfns).
     */
    public record Sample(long ops, long allocs, long hits, long work, long flushes, long virtualNanos, long treeNodes,
                         long cachedPfns) {
    }

    private final Sample[] samples = new Sample[CAPACITY];
    private int count;
    private long interval;
    private Sample baseline;

    /** @param firstInterval operations between samples at the start */
    public DriftSeries(long firstInterval) {
        this.interval = Math.max(1, firstInterval);
    }

    /** The counters at the start (after setup): the first interval is measured from here. */
    public void start(Sample at) {
        baseline = at;
    }

    /** The operation count at which the next sample is due. */
    public long nextDue() {
        return lastOps() + interval;
    }

    public void sample(Sample at) {
        if (count == CAPACITY) halve();
        samples[count++] = at;
    }

    /**
     * The last sample, at the end of the run: a trailing interval shorter than half the current
     * one replaces the previous sample instead of standing alone (its rates would be noise).
     */
    public void finish(Sample at) {
        if (at.ops() <= lastOps()) return;
        if (count > 1 && at.ops() - samples[count - 1].ops() < interval / 2) count--;
        sample(at);
    }

    /** The sample an eighth into the run: past the caches' warm-up, where drift is measured from. */
    public int warmIndex() {
        return count / 8;
    }

    public long lastOps() {
        return count == 0 ? baseline.ops() : samples[count - 1].ops();
    }

    private void halve() {
        int k = 0;
        for (int i = 1; i < count; i += 2) samples[k++] = samples[i];
        count = k;
        interval *= 2;
    }

    /** One report per interval: its end, hit rate, work per operation, flushes, and the levels at its end. */
    public List<RunReport> intervals() {
        List<RunReport> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(interval(samples[i], i == 0 ? baseline : samples[i - 1]));
        return out;
    }

    private static RunReport interval(Sample s, Sample prev) {
        long dOps = s.ops() - prev.ops();
        long dAllocs = s.allocs() - prev.allocs();
        long dHits = s.hits() - prev.hits();
        long dWork = s.work() - prev.work();
        return new RunReport()
                .put("ops", s.ops())
                .put("virtual_ms", s.virtualNanos() / 1e6)
                .put("allocs", dAllocs)
                .put("hit_rate", dAllocs == 0 ? 0 : (double) dHits / dAllocs)
                .put("work_units_per_op", dOps == 0 ? 0 : (double) dWork / dOps)
                .put("flushes", s.flushes() - prev.flushes())
                .put("tree_nodes", s.treeNodes())
                .put("cached_pfns", s.cachedPfns());
    }
}
