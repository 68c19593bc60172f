package dev.iovasim.actors;

import dev.iovasim.allocator.Outcome;
import java.nio.ByteBuffer;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Allocation latency in nanoseconds, one histogram per {@link Outcome}. A CPU actor records into
 * its own; they travel as bytes and are summed by whoever reports. The bytes are HdrHistogram's
 * plain encoding: every CPU encodes its histograms once a second for the live metrics, and
 * deflating took 5 to 12 times as long as encoding (inflating, 3 to 4 times as long as
 * decoding) to save at most a quarter of a few kilobytes, mostly within one JVM.
 */
final class LatencyBook {
    /** Longer waits are recorded as this (a flush storm can exceed it; the max then says so). */
    static final long HIGHEST_NANOS = 10_000_000_000L;
    private static final int DIGITS = 2;

    private final AbstractHistogram[] byOutcome = new AbstractHistogram[Outcome.COUNT];

    /** One CPU's: int counts (a CPU runs at most 10^9 operations), half the memory of long ones. */
    LatencyBook() {
        this(false);
    }

    private LatencyBook(boolean longCounts) {
        for (int o = 0; o < byOutcome.length; o++) {
            byOutcome[o] = longCounts ? new Histogram(1, HIGHEST_NANOS, DIGITS) : newHistogram();
        }
    }

    /** Many CPUs' added up: long counts, as a slot of a large machine's sum can pass 2^31. */
    static LatencyBook forSums() {
        return new LatencyBook(true);
    }

    static AbstractHistogram newHistogram() {
        return new IntCountsHistogram(1, HIGHEST_NANOS, DIGITS);
    }

    static void recordClamped(AbstractHistogram h, long nanos) {
        h.recordValue(Math.max(1, Math.min(nanos, HIGHEST_NANOS)));
    }

    void record(int outcome, long nanos) {
        recordClamped(byOutcome[outcome], nanos);
    }

    AbstractHistogram of(int outcome) {
        return byOutcome[outcome];
    }

    Histogram overall() {
        Histogram all = new Histogram(1, HIGHEST_NANOS, DIGITS);
        for (AbstractHistogram h : byOutcome) all.add(h);
        return all;
    }

    byte[][] encode() {
        byte[][] out = new byte[byOutcome.length][];
        for (int o = 0; o < out.length; o++) out[o] = bytes(byOutcome[o]);
        return out;
    }

    void add(byte[][] encoded) {
        for (int o = 0; o < byOutcome.length; o++) byOutcome[o].add(decode(encoded[o]));
    }

    static byte[] bytes(AbstractHistogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoByteBuffer(b);
        byte[] out = new byte[n];
        b.flip();
        b.get(out);
        return out;
    }

    static Histogram decode(byte[] bytes) {
        return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 1);
    }
}
