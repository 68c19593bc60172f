package dev.iovasim.cli;

import dev.iovasim.allocator.Arch;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.series.SeriesSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --invalidation}, {@code --arch}, {@code --timeseries} and {@code --interval}, shared by {@code simulate}
 * and {@code replay}: how unmaps free their IOVAs, and the CSV of the run on the simulated clock.
 * The actor engine runs flush queues, the clock and a time series in one JVM only, so the
 * commands refuse what it does not model, naming the flag.
 */
public final class ClockOptions {
    static final long MAX_INTERVAL_MS = 3_600_000L;

    @Option(names = "--invalidation", paramLabel = "MODE",
            description = {"Unmap mode, of: strict, lazy, lazy-single (as --set invalidation=MODE). strict frees at once;"
                    + " lazy queues each unmap in its CPU's flush queue (256 slots, 10 ms timer); lazy-single in one"
                    + " 32768-slot queue (1 s). Default: the --arch's kernel default (see docs/kernel-versions.md)."})
    String invalidation;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = {"The machine's architecture, of: ${COMPLETION-CANDIDATES}; the presets take its kernel defaults:"
                    + " unmaps are lazy on x86 (Intel and AMD IOMMUs), strict on arm64. --invalidation and --set win."
                    + " Default: " + Arch.DEFAULT_NAME + "."},
            completionCandidates = CompletionCandidates.Arches.class)
    String arch;

    @Option(names = "--timeseries", paramLabel = "FILE", converter = OutputFile.class,
            description = {"Write one CSV row per --interval of simulated time (columns: docs/timeseries.md);"
                    + " every policy's rows go to this one file, told apart by the 'policy' column. With --engine actors:"
                    + " in one JVM only (simulate stops every CPU at each row's boundary; replay is in lock-step)."})
    Path timeseries;

    @Option(names = "--interval", paramLabel = "MS", converter = WholeNumber.class,
            description = "Simulated milliseconds per --timeseries row, 1.." + MAX_INTERVAL_MS + ". Default: 100.")
    Long intervalMs;

    /** {@code --arch}, or null when not given (the presets as they are: arm64's defaults). */
    Arch arch() {
        if (arch == null) return null;
        try {
            return Arch.of(arch);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--arch: " + e.getMessage());
        }
    }

    /** {@code p} with {@code --invalidation} applied; errors are usage errors. */
    Policy apply(Policy p) {
        return withInvalidation(p, invalidation);
    }

    /** {@code p} with {@code --invalidation mode} (null: the policy's) applied as the switch it stands for; errors are usage errors. */
    static Policy withInvalidation(Policy p, String mode) {
        if (mode == null) return p;
        try {
            return PolicySwitches.apply(p, "invalidation=" + Invalidation.of(mode).word());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--invalidation: " + e.getMessage());
        }
    }

    boolean seriesWanted() {
        if (intervalMs != null && timeseries == null) throw new UsageException("--interval: needs --timeseries FILE");
        return timeseries != null;
    }

    long intervalNanos() {
        return intervalMs == null ? SeriesSpec.DEFAULT_INTERVAL_NANOS : Check.in("--interval", intervalMs, 1, MAX_INTERVAL_MS) * 1_000_000L;
    }

    /** Opens the CSV (null without {@code --timeseries}); the caller closes it. */
    CsvRowSink openSeries() {
        return seriesWanted() ? CsvRowSink.open(timeseries) : null;
    }

    /**
     * simulate --engine actors with --nodes: a free-running cluster has neither flush queues nor a
     * simulated clock yet; say so rather than run something else.
     */
    void refuseOnActors(Policy p) {
        if (p.invalidation().lazy()) {
            throw new UsageException("--invalidation " + p.invalidation().word() + ": the actor engine has flush queues"
                    + " in one JVM and in replay only (not in simulate --nodes yet); use --engine reference");
        }
        if (timeseries != null) {
            throw new UsageException("--timeseries: simulate --engine actors writes a time series in one JVM only,"
                    + " not with --nodes; leave out --nodes or use --engine reference");
        }
        refuseClasses(p);
    }

    /**
     * simulate --engine actors in one JVM, free-running: a flush queue per CPU actor, the clock's
     * timers as messages and a time series (a barrier per row); not the one queue of lazy-single.
     */
    void refuseOnClockedActors(Policy p) {
        refuseSingleQueue(p);
        refuseClasses(p);
    }

    /**
     * replay --engine actors, in lock-step (in one JVM, or over nodes with {@code clustered}): as
     * {@link #refuseOnClockedActors}, but the time series is written in one JVM, the actors asked
     * for a row's figures between the trace's lines.
     */
    void refuseOnReplayActors(Policy p, boolean clustered) {
        refuseSingleQueue(p);
        if (clustered && timeseries != null) {
            throw new UsageException("--timeseries: the actor engine writes a time series in one JVM only, not with --nodes;"
                    + " leave out --nodes or use --engine reference");
        }
        refuseClasses(p);
    }

    private static void refuseSingleQueue(Policy p) {
        if (p.invalidation().singleQueue()) {
            throw new UsageException("--invalidation " + p.invalidation().word() + ": the actor engine has per-CPU flush"
                    + " queues only; use --invalidation lazy or --engine reference");
        }
    }

    private static void refuseClasses(Policy p) {
        if (p.rcacheClasses() != SizeClass.CACHED_CLASSES) {
            throw new UsageException("--set rcache-classes=" + p.rcacheClasses() + ": the actor engine caches the kernel's "
                    + SizeClass.CACHED_CLASSES + " size classes only; use --engine reference");
        }
    }
}
