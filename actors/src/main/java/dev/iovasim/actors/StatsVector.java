package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;

/**
 * {@link AllocStats} as a {@code long[]}, the form counters travel in between actors (and, later,
 * between JVMs). Each actor counts its own part; the sum is the run's.
 */
public final class StatsVector {
    private static final int SCALARS = 24;
    private static final int CLASSES = AllocStats.UNCACHED + 1;
    /** The flush queues' counts (lazy invalidation), after the classes: fqQueued, fqFlushes, fqFullFlushes, fqTimerFlushes, fqFreed, fqBatches. */
    private static final int FQ = 6;
    static final int LENGTH = SCALARS + 2 * CLASSES + FQ;

    private StatsVector() {
    }

    public static long[] encode(AllocStats s) {
        long[] v = {s.allocs, s.failed, s.cpuHits, s.depotHits, s.treeAllocs, s.frees, s.freesToMagazine,
                s.freesToDepot, s.freesToTree, s.depotOverflows, s.depotExchanges, s.magazineMoves, s.flushes,
                s.flushCpuVisits, s.flushedPfns, s.flushedUseful, s.flushRetrySucceeded, s.cpuUnplugs, s.unplugPfns,
                s.trims, s.trimmedPfns, s.sacAttempts, s.sacFailures, s.devicesSwitched};
        long[] out = new long[LENGTH];
        System.arraycopy(v, 0, out, 0, SCALARS);
        System.arraycopy(s.classAllocs, 0, out, SCALARS, CLASSES);
        System.arraycopy(s.classHits, 0, out, SCALARS + CLASSES, CLASSES);
        long[] fq = {s.fqQueued, s.fqFlushes, s.fqFullFlushes, s.fqTimerFlushes, s.fqFreed, s.fqBatches};
        System.arraycopy(fq, 0, out, SCALARS + 2 * CLASSES, FQ);
        return out;
    }

    /** No counts yet: where owners' vectors are added up. */
    public static long[] zero() {
        return new long[LENGTH];
    }

    /** Adds {@code v} into {@code sum}: every entry is a count, so the sum is the owners' figures together. */
    public static void add(long[] sum, long[] v) {
        for (int i = 0; i < LENGTH; i++) sum[i] += v[i];
    }

    public static void addTo(AllocStats s, long[] v) {
        int i = 0;
        s.allocs += v[i++];
        s.failed += v[i++];
        s.cpuHits += v[i++];
        s.depotHits += v[i++];
        s.treeAllocs += v[i++];
        s.frees += v[i++];
        s.freesToMagazine += v[i++];
        s.freesToDepot += v[i++];
        s.freesToTree += v[i++];
        s.depotOverflows += v[i++];
        s.depotExchanges += v[i++];
        s.magazineMoves += v[i++];
        s.flushes += v[i++];
        s.flushCpuVisits += v[i++];
        s.flushedPfns += v[i++];
        s.flushedUseful += v[i++];
        s.flushRetrySucceeded += v[i++];
        s.cpuUnplugs += v[i++];
        s.unplugPfns += v[i++];
        s.trims += v[i++];
        s.trimmedPfns += v[i++];
        s.sacAttempts += v[i++];
        s.sacFailures += v[i++];
        s.devicesSwitched += v[i++];
        for (int c = 0; c < CLASSES; c++) {
            s.classAllocs[c] += v[SCALARS + c];
            s.classHits[c] += v[SCALARS + CLASSES + c];
        }
        i = SCALARS + 2 * CLASSES;
        s.fqQueued += v[i++];
        s.fqFlushes += v[i++];
        s.fqFullFlushes += v[i++];
        s.fqTimerFlushes += v[i++];
        s.fqFreed += v[i++];
        s.fqBatches += v[i];
    }
}
