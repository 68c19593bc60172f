package dev.iovasim.metrics;

import io.prometheus.client.Histogram;
import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One histogram series fed from a record its owner keeps whole, as {@link StatsPublisher} feeds
 * counters from snapshots: the owner records on its hot path as it likes, hands over the record
 * as it is now, and this observes what the record gained since the previous hand-over. A record
 * that travels whole loses nothing when a hand-over is skipped or comes late.
 *
 * <p>A record is counts by value: {@code value, count, value, count, ...}, values ascending,
 * counts above 0 ({@link #countsOf} gives an HdrHistogram's).
 */
public final class HistogramFeed {
    private static final long[] EMPTY = new long[0];

    private final Histogram.Child series;
    private final double unit;
    private final String what;
    private long[] last = EMPTY;

    /**
     * @param unit a recorded value of 1 in the series' unit (1e-9 for nanoseconds fed to a {@code _seconds} series)
     * @param what the record's name in a refusal
     */
    HistogramFeed(Histogram.Child series, double unit, String what) {
        this.series = series;
        this.unit = unit;
        this.what = what;
    }

    /**
     * An HdrHistogram's counts, each slot at its middle value, as HdrHistogram's own mean takes it:
     * the series' sum is then the histogram's count times its mean. A slot is at most 1/128 of its
     * values wide (two significant digits), and a slot across a bucket bound lands on one side whole.
     */
    public static long[] countsOf(AbstractHistogram h) {
        long[] out = new long[16];
        int n = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            if (n == out.length) out = Arrays.copyOf(out, 2 * n);
            out[n++] = h.medianEquivalentValue(v.getValueIteratedTo());
            out[n++] = v.getCountAtValueIteratedTo();
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Observes what {@code now} holds beyond the previous record. A count below the previous one
     * is an owner that was reset: refused, with nothing observed, as the counters refuse it.
     */
    public synchronized void publish(long[] now) {
        long[] grown = growth(now);
        for (int i = 0; i < grown.length; i += 2) {
            double value = grown[i] * unit;
            for (long k = grown[i + 1]; k > 0; k--) series.observe(value);
        }
        last = now.clone();
    }

    /** The owner's next record starts from nothing (its next run): what was observed stays. */
    public synchronized void restart() {
        last = EMPTY;
    }

    /** {@code now} less {@link #last}, in the same form (zero growths left out). */
    private long[] growth(long[] now) {
        if (now.length % 2 != 0) throw new IllegalArgumentException(what + ": a record is value, count pairs");
        long[] out = new long[now.length];
        int n = 0;
        int j = 0;
        for (int i = 0; i < now.length; i += 2) {
            long value = now[i];
            long count = now[i + 1];
            if (count <= 0 || i > 0 && value <= now[i - 2]) {
                throw new IllegalArgumentException(what + ": values must ascend with counts above 0, got "
                        + count + " at " + value);
            }
            if (j < last.length && last[j] < value) throw wentBack(last[j], last[j + 1], 0);
            long was = 0;
            if (j < last.length && last[j] == value) {
                was = last[j + 1];
                j += 2;
            }
            if (count < was) throw wentBack(value, was, count);
            if (count > was) {
                out[n++] = value;
                out[n++] = count - was;
            }
        }
        if (j < last.length) throw wentBack(last[j], last[j + 1], 0);
        return Arrays.copyOf(out, n);
    }

    private IllegalArgumentException wentBack(long value, long was, long now) {
        return new IllegalArgumentException(what + ": the count at " + value + " went back from " + was + " to " + now
                + ": an owner that starts over needs a restart");
    }
}
