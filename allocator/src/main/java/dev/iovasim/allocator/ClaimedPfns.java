package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * The pfns a conservation check's claims name, kept to be compared, once sorted, with the first
 * pfns of the tree's allocated ranges in address order ({@link Conservation}'s check when all is
 * well). Presized to the number of ranges: one claim more already makes them differ.
 */
final class ClaimedPfns implements PfnSink {
    private static final int DIGIT = 11;
    private static final int RADIX = 1 << DIGIT;
    private final long[] pfns;
    private int count;

    ClaimedPfns(int expected) {
        pfns = new long[expected];
    }

    @Override
    public void accept(long pfn) {
        // one claim too many already differs: counted, not stored
        if (count < pfns.length) pfns[count] = pfn;
        count++;
    }

    /** Whether the claims, sorted, are {@code los} (in unsigned ascending order). */
    boolean sameAs(long[] los) {
        if (count != los.length) return false;
        sort();
        return Arrays.equals(pfns, 0, count, los, 0, count);
    }

    /**
     * In unsigned order, least significant digit first, 11 bits a pass, over the bits in which the
     * claims differ (three passes for 10^5 pfns spread over 2^33): a sequential read and a write
     * into one of 2,048 runs per pass. {@code Arrays.sort} took four times as long.
     */
    void sort() {
        long or = 0;
        long and = -1L;
        for (int i = 0; i < count; i++) {
            or |= pfns[i];
            and &= pfns[i];
        }
        long differ = or ^ and;
        long[] from = pfns;
        long[] to = new long[count];
        int[] start = new int[RADIX];
        int passes = 0;
        for (int shift = Long.numberOfTrailingZeros(differ); shift < 64 - Long.numberOfLeadingZeros(differ); shift += DIGIT) {
            Arrays.fill(start, 0);
            for (int i = 0; i < count; i++) start[(int) (from[i] >>> shift) & (RADIX - 1)]++;
            for (int d = 0, sum = 0; d < RADIX; d++) {
                int c = start[d];
                start[d] = sum;
                sum += c;
            }
            for (int i = 0; i < count; i++) to[start[(int) (from[i] >>> shift) & (RADIX - 1)]++] = from[i];
            long[] swap = from;
            from = to;
            to = swap;
            passes++;
        }
        if (passes % 2 == 1) System.arraycopy(from, 0, pfns, 0, count);
    }
}
