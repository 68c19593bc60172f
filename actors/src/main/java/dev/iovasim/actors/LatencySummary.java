package dev.iovasim.actors;

import org.HdrHistogram.AbstractHistogram;

/** A latency distribution in microseconds, as a report prints it. */
public record LatencySummary(long count, double meanUs, double stddevUs, double p50Us, double p99Us, double maxUs) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** From a histogram of nanoseconds. */
    public static LatencySummary of(AbstractHistogram nanos) {
        if (nanos.getTotalCount() == 0) return EMPTY;
        return new LatencySummary(nanos.getTotalCount(), nanos.getMean() / 1e3, nanos.getStdDeviation() / 1e3,
                nanos.getValueAtPercentile(50) / 1e3, nanos.getValueAtPercentile(99) / 1e3, nanos.getMaxValue() / 1e3);
    }
}
