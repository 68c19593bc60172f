package dev.iovasim.actors;

import dev.iovasim.allocator.FlushRecord;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;

/**
 * What the flushes of a run cost, in messages and wall time, beside what they returned. Kept
 * by the tree owner, which coordinates every flush.
 */
final class FlushLog {
    private final AbstractHistogram latency = LatencyBook.newHistogram();
    /** Flushes by ranges returned, exact (an HdrHistogram would round them): the metrics' sum is the flushed pfns. */
    private final Map<Long, Long> byPfns = new TreeMap<>();
    long messages;
    long bytes;

    void record(FlushRecord r, Gather g, long latencyNanos, long wireBytes) {
        bytes += wireBytes;
        messages += g.messages();
        LatencyBook.recordClamped(latency, latencyNanos);
        byPfns.merge(r.pfns(), 1L, Long::sum);
    }

    /** The flushes so far, for the tree owner's report. */
    TreeReports.FlushFigures figures() {
        return new TreeReports.FlushFigures(messages, bytes, LatencyBook.bytes(latency), pfnsPerFlush());
    }

    /** Flushes by ranges returned: value, count pairs, ascending. */
    private long[] pfnsPerFlush() {
        long[] out = new long[2 * byPfns.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : byPfns.entrySet()) {
            out[i++] = e.getKey();
            out[i++] = e.getValue();
        }
        return out;
    }
}
