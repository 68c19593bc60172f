package dev.iovasim.allocator.series;

/** Where a run's time-series rows go (the CLI writes them as CSV). Called from the engine's thread. */
public interface RowSink {
    /**
     * One row: {@code values[i]} belongs to {@code Column.values()[i]} and is a {@link String},
     * a {@link Long} or a {@link Double}, as the column's type in docs/timeseries.md says.
     */
    void row(Object[] values);
}
