package dev.iovasim.cli;

import dev.iovasim.allocator.series.SeriesSpec;
import picocli.CommandLine.Mixin;

/**
 * What {@code simulate} and {@code replay} both take to run an engine: {@code --search},
 * {@code --check-every}, the clock's flags ({@link ClockOptions}), the cluster's
 * ({@link ClusterOptions}) and the metrics' ({@link MetricsOptions}). One mixin, so that a flag
 * added to every engine run is added once.
 */
final class RunOptions {
    @Mixin
    SearchOption search = new SearchOption();

    @Mixin
    CheckEveryOption checkEvery = new CheckEveryOption();

    @Mixin
    ClockOptions clock = new ClockOptions();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    /** The run's time series into {@code rows} ({@link ClockOptions#openSeries}), or null without one. */
    SeriesSpec series(CsvRowSink rows) {
        return rows == null ? null : new SeriesSpec(clock.intervalNanos(), rows);
    }
}
