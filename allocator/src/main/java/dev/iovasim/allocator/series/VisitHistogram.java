package dev.iovasim.allocator.series;

/**
 * Tree nodes visited per operation over one interval: count, sum, max and a histogram for the
 * 99th percentile. Values below 256 are counted exactly; larger ones in buckets of 1/16 of their
 * power of two (as HdrHistogram does with 4 significant bits), reported as the bucket's top, so a
 * percentile above 255 is at most 1/16 high. Primitive arrays, nothing allocated per value.
 */
public final class VisitHistogram {
    private static final int EXACT = 256;
    private static final int SUB = 16;
    private final long[] exact = new long[EXACT];
    private final long[] log = new long[64 * SUB];
    private long count;
    private long sum;
    private long max;

    public void record(long v) {
        count++;
        sum += v;
        if (v > max) max = v;
        if (v < EXACT) {
            exact[(int) v]++;
        } else {
            log[bucket(v)]++;
        }
    }

    /** {@code n} operations that visited no node (none when {@code n} is not positive). */
    public void recordZeros(long n) {
        if (n <= 0) return;
        count += n;
        exact[0] += n;
    }

    /** An independent copy (a snapshot to hand to another thread). */
    public VisitHistogram copy() {
        VisitHistogram c = new VisitHistogram();
        System.arraycopy(exact, 0, c.exact, 0, EXACT);
        System.arraycopy(log, 0, c.log, 0, log.length);
        c.count = count;
        c.sum = sum;
        c.max = max;
        return c;
    }

    private static int bucket(long v) {
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int mantissa = (int) ((v >>> (exp - 4)) & (SUB - 1));
        return exp * SUB + mantissa;
    }

    private static long top(int bucket) {
        int exp = bucket / SUB;
        int mantissa = bucket % SUB;
        return (1L << exp) + ((long) (mantissa + 1) << (exp - 4)) - 1;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    public long max() {
        return max;
    }

    /** The smallest value at or below which {@code q} (0..1) of the values lie; 0 when empty. */
    public long quantile(double q) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int v = 0; v < EXACT; v++) {
            seen += exact[v];
            if (seen >= rank) return v;
        }
        for (int b = 0; b < log.length; b++) {
            seen += log[b];
            if (seen >= rank) return Math.min(top(b), max);
        }
        return max;
    }

    public void reset() {
        if (count == 0) return;
        java.util.Arrays.fill(exact, 0);
        java.util.Arrays.fill(log, 0);
        count = 0;
        sum = 0;
        max = 0;
    }
}
