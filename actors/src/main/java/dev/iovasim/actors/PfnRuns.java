package dev.iovasim.actors;

import java.util.function.LongConsumer;

/**
 * A sequence of pfns held as runs: the first {@code counts[i]} entries of {@code runs[i]}, run
 * after run. A CPU answers a flush with its magazines' own arrays this way
 * ({@link FlushingCaches}, {@link dev.iovasim.allocator.CpuCaches#handOver}): nothing is copied and no answer array is written while the
 * flush waits, and whoever holds the answer owns the arrays (the magazines took new ones). On
 * the wire it is one array of its pfns ({@code FlushedSerializer}), so a run-built answer and a
 * one-array answer of the same pfns are the same bytes.
 */
public final class PfnRuns {
    private static final long[] EMPTY = new long[0];

    public static final PfnRuns NONE = of(EMPTY);

    private final long[][] runs;
    private final int[] counts;
    /** How many pfns; -1 until first asked (a hand-over's answer is built without reading its counts). */
    private int size;

    /**
     * A CPU's magazines as {@code CpuCaches.handOver} gives them, taken as they are (no copy) and
     * neither array read: as many arrays as counts, no count negative, {@code counts[i]} not above
     * {@code runs[i].length}, a run null only when its count is 0 (a magazine with no array since
     * its last hand-over). Not checked here: that would read each array's header, which a flush
     * answer must not touch (the arrays are cold); an overrun fails at the first read. The flush's
     * CPU handler builds its answer with this; the arrays are first read by the tree owner, when it
     * frees them after the gather.
     */
    public PfnRuns(long[][] runs, int[] counts) {
        this.runs = runs;
        this.counts = counts;
        this.size = -1;
    }

    /** All of {@code pfns}, one run (not copied). */
    public static PfnRuns of(long[] pfns) {
        return new PfnRuns(new long[][] {pfns}, new int[] {pfns.length});
    }

    public int size() {
        if (size < 0) {
            int n = 0;
            for (int count : counts) n += count;
            size = n;
        }
        return size;
    }

    public int runCount() {
        return runs.length;
    }

    /** Run {@code i}'s array; its first {@link #count} entries are pfns. */
    public long[] run(int i) {
        return runs[i] == null ? EMPTY : runs[i];
    }

    public int count(int i) {
        return counts[i];
    }

    /** Every pfn, in order. */
    public void forEach(LongConsumer sink) {
        for (int i = 0; i < runs.length; i++) {
            long[] r = runs[i];
            for (int k = 0, n = counts[i]; k < n; k++) sink.accept(r[k]);
        }
    }

    /** Copies every pfn, in order, into {@code out} from {@code at}; returns the index after them. */
    public int copyTo(long[] out, int at) {
        for (int i = 0; i < runs.length; i++) {
            System.arraycopy(run(i), 0, out, at, counts[i]);
            at += counts[i];
        }
        return at;
    }

    /** Every pfn in one exact array (the array itself when this is one full run). */
    public long[] toArray() {
        if (runs.length == 1 && counts[0] == run(0).length) return run(0);
        long[] out = new long[size()];
        copyTo(out, 0);
        return out;
    }
}
