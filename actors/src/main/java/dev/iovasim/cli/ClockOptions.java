package dev.iovasim.cli;

import dev.iovasim.actors.RunLimits;
import dev.iovasim.allocator.Arch;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.series.SeriesSpec;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --invalidation}, {@code --arch}, {@code --timeseries} and {@code --interval}, shared by {@code simulate}
 * and {@code replay}: how unmaps free their IOVAs, and the CSV of the run on the simulated clock.
 * The commands refuse what the actor engine does not model, naming the flag.
 */
public final class ClockOptions {
    static final long MAX_INTERVAL_MS = 3_600_000L;

    @Mixin
    InvalidationOption invalidation = new InvalidationOption();

    @Option(names = "--arch", paramLabel = "ARCH",
            description = {"The machine's architecture, of: ${COMPLETION-CANDIDATES}; the presets take its kernel defaults:"
                    + " unmaps are lazy on x86 (Intel and AMD IOMMUs), strict on arm64. --invalidation and --set win."
                    + " Default: " + Arch.DEFAULT_NAME + "."},
            completionCandidates = CompletionCandidates.Arches.class)
    String arch;

    @Option(names = "--timeseries", paramLabel = "FILE", converter = OutputFile.class,
            description = {"Write one CSV row per --interval of simulated time (columns: docs/timeseries.md);"
                    + " every policy's rows go to this one file, told apart by the 'policy' column. With --engine actors,"
                    + " also with --nodes: simulate stops every CPU at each row's boundary; replay is in lock-step."})
    Path timeseries;

    @Option(names = "--interval", paramLabel = "MS", converter = WholeNumber.class,
            description = "Simulated milliseconds per --timeseries row, 1.." + MAX_INTERVAL_MS + ". Default: 100.")
    Long intervalMs;

    /** {@code --arch}, or null when not given (the presets as they are: arm64's defaults). */
    Arch arch() {
        return arch == null ? null : UsageException.refusing("--arch", () -> Arch.of(arch));
    }

    long intervalNanos() {
        return intervalMs == null ? SeriesSpec.DEFAULT_INTERVAL_NANOS : Check.in("--interval", intervalMs, 1, MAX_INTERVAL_MS) * 1_000_000L;
    }

    /** Opens the CSV (null without {@code --timeseries}); the caller closes it. */
    CsvRowSink openSeries() {
        if (intervalMs != null && timeseries == null) throw new UsageException("--interval: needs --timeseries FILE");
        return timeseries == null ? null : CsvRowSink.open(timeseries);
    }

    /**
     * The actor engine, free-running ({@code simulate}) or in lock-step ({@code replay}), in one JVM
     * or over nodes: what it does not model is refused ({@link RunLimits#onActors}, as sweep does).
     */
    void refuseOnActors(Policy p) {
        UsageException.refusing(null, () -> {
            RunLimits.onActors(p);
            return p;
        });
    }
}
