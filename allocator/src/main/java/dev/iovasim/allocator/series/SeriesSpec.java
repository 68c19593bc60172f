package dev.iovasim.allocator.series;

/**
 * A run's time series: a row every {@code intervalNanos} of simulated time, into {@code sink}.
 *
 * @param intervalNanos simulated nanoseconds per row, at least 1 µs
 * @param sink          where the rows go; several runs may share one (the {@code policy} column tells them apart)
 */
public record SeriesSpec(long intervalNanos, RowSink sink) {
    public static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

    public SeriesSpec {
        if (intervalNanos < 1000) throw new IllegalArgumentException("the interval must be at least 1 µs, got " + intervalNanos + " ns");
        if (sink == null) throw new IllegalArgumentException("a time series needs a sink");
    }
}
