package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.series.SeriesSpec;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code simulate} and {@code replay} both take to run an engine: the policy's flags
 * ({@link PolicyOptions}), {@code --search}, {@code --check-every}, the clock's flags
 * ({@link ClockOptions}), the cluster's ({@link ClusterOptions}) and the metrics'
 * ({@link MetricsOptions}). One mixin, so that a flag added to every engine run is added once,
 * and the policies are read for the machine's {@code --arch} in one place.
 */
final class RunOptions {
    @Mixin
    PolicyOptions policy;

    @Mixin
    SearchOption search = new SearchOption();

    @Option(names = "--check-every", paramLabel = "N", defaultValue = "0", converter = WholeNumber.class,
            description = "Also run the conservation check every N operations (it always runs at the end). Default: ${DEFAULT-VALUE}.")
    long checkEvery;

    @Mixin
    ClockOptions clock = new ClockOptions();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    /** A command that runs each of the presets {@code defaultPolicies} (comma separated) unless named. */
    RunOptions(String defaultPolicies) {
        policy = new PolicyOptions(defaultPolicies);
    }

    /** The policies named (or the command's), with the --arch's defaults and --invalidation applied. */
    List<Policy> policies() {
        return policy.resolve(clock.arch()).stream().map(p -> clock.invalidation.apply(p, policy.overrides)).toList();
    }

    /** Operations between two checks, 0 for the final one only; a negative value is a usage error. */
    long checkEvery() {
        return Check.in("--check-every", checkEvery, 0, Long.MAX_VALUE);
    }

    /** The one policy of a command that runs one; several named are a usage error. */
    Policy policy() {
        return PolicyOptions.one(policies());
    }

    /** The run's time series into {@code rows} ({@link ClockOptions#openSeries}), or null without one. */
    SeriesSpec series(CsvRowSink rows) {
        return rows == null ? null : new SeriesSpec(clock.intervalNanos(), rows);
    }
}
