package dev.iovasim.cli;

import dev.iovasim.actors.EngineSettings;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.mapbench.Direction;
import dev.iovasim.allocator.mapbench.MapBenchResult;
import dev.iovasim.allocator.mapbench.MapBenchSpec;
import dev.iovasim.allocator.mapbench.MapBenchmark;
import dev.iovasim.mapbench.ThreadSweep;
import dev.iovasim.mapbench.WallBenchmark;
import dev.iovasim.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iovasim dma-map-benchmark}: the kernel's tools/testing/selftests/dma/dma_map_benchmark
 * on the simulated allocator, with its flags, limits and output lines; latencies come from the
 * cost model on simulated clocks (see {@link MapBenchmark}).
 */
// the tool's limits in the help are MapBenchSpec's, which refuses what lies outside them
@Command(name = "dma-map-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the kernel's dma_map_benchmark on simulated CPUs and prints its latency lines.",
        description = {"Imitates tools/testing/selftests/dma/dma_map_benchmark: each thread is a simulated CPU that maps",
                "a buffer of -g pages, waits -x ns and unmaps it, in a loop, for -s simulated seconds. Latencies come",
                "from the calibrated cost model (docs/cost-model.md) on each thread's simulated clock: a proxy, not a",
                "measurement, and the same for the same flags and --seed. Output: the tool's three lines.",
                "With --wall the loop runs on the actor engine instead, for -s wall seconds (at most "
                        + WallBenchmark.MAX_SECONDS + "): the",
                "latencies are this JVM's message round trips to the CPU actors, measured, not the kernel's."})
public final class DmaMapBenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "-t", paramLabel = "THREADS", defaultValue = "1",
            description = "Threads (simulated CPUs), 1-" + MapBenchSpec.MAX_THREADS + ". Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "-s", paramLabel = "SECONDS", defaultValue = "20",
            description = "Simulated seconds, 1-" + MapBenchSpec.MAX_SECONDS + " (with --wall: wall seconds, 1-" + WallBenchmark.MAX_SECONDS
                    + "). Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "-n", paramLabel = "NODE", defaultValue = "" + MapBenchSpec.ANY_NODE,
            description = "NUMA node of the threads: " + MapBenchSpec.ANY_NODE + " (any) or 0, the simulated machine's one node."
                    + " Default: ${DEFAULT-VALUE}.")
    int node;

    @Option(names = "-b", paramLabel = "BITS", defaultValue = "32",
            description = "DMA mask bits of the device, " + MapBenchSpec.MIN_BITS + "-" + MapBenchSpec.MAX_BITS + ". Default: ${DEFAULT-VALUE}.")
    int bits;

    @Option(names = "-d", paramLabel = "DIR", defaultValue = "0",
            description = "DMA direction: 0 or BIDIRECTIONAL, 1 or TO_DEVICE, 2 or FROM_DEVICE (the simulated device is"
                    + " coherent: the direction is printed, not priced). Default: ${DEFAULT-VALUE}.")
    String direction;

    @Option(names = "-x", paramLabel = "NS", defaultValue = "0",
            description = "Transmit delay between map and unmap, ns, 0-" + MapBenchSpec.MAX_DELAY_NS + ". Default: ${DEFAULT-VALUE}.")
    long delay;

    @Option(names = "-g", paramLabel = "PAGES", defaultValue = "1",
            description = "Buffer size in 4 KiB pages, 1-" + MapBenchSpec.MAX_GRANULE + ". Default: ${DEFAULT-VALUE}.")
    int granule;

    @Mixin
    InvalidationOption invalidation = new InvalidationOption();

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    SearchOption search = new SearchOption();

    @Option(names = "--sweep-threads", paramLabel = "DIR", converter = OutputFile.Directory.class,
            description = "Instead of one run: run every thread count 1, 2, 4 .. 256 under each --policy (a comma list;"
                    + " default every preset) and write DIR/map-latency.csv and DIR/map-latency.png.")
    Path sweepDir;

    @Option(names = "--sweep-ms", paramLabel = "MS", defaultValue = "100",
            description = "Simulated milliseconds of each sweep run (a window shorter than -s, so that 256 threads"
                    + " under every preset take minutes, not hours). Default: ${DEFAULT-VALUE}.")
    long sweepMillis;

    @Option(names = "--wall",
            description = "Run the loop on the actor engine (one actor per CPU, the depot, the tree owner, a driver actor"
                    + " per thread) for -s wall seconds, 1-" + WallBenchmark.MAX_SECONDS + ", and print the map and unmap"
                    + " latencies measured in wall time: this JVM's message latencies, not the kernel's (varies run to"
                    + " run; --seed has no effect).")
    boolean wall;

    @Option(names = "--verbose", description = "Also print, on standard error, what the allocator and the shared locks did.")
    boolean verbose;

    @Mixin
    PolicyOptions policy = new PolicyOptions(Policy.DEFAULT_NAME);

    @Override
    public Integer call() throws IOException {
        MapBenchSpec spec = spec(threads);
        CostModel model = CostModel.calibrated();
        boolean gaps = search.gaps();
        if (wall) return wall(spec, gaps);
        if (sweepDir != null) {
            boolean named = command.commandLine().getParseResult().hasMatchedOption("--policy");
            List<Policy> policies = policy.resolve(named ? policy.policies : String.join(",", new CompletionCandidates.Presets()), null).stream()
                    .map(p -> invalidation.apply(p, policy.overrides)).toList();
            if (sweepMillis < 1 || sweepMillis > 1000L * MapBenchSpec.MAX_SECONDS) {
                throw new UsageException("--sweep-ms: must be in 1-" + 1000L * MapBenchSpec.MAX_SECONDS + ", got " + sweepMillis);
            }
            ThreadSweep.run(policies, this::spec, sweepMillis * 1_000_000L, model, gaps, sweepDir, System.err);
            return ExitCodes.OK;
        }
        Policy p = invalidation.apply(policy.single(), policy.overrides);
        MapBenchResult r;
        // progress in simulated milliseconds of the run's -s seconds; a MapFailed is Main's to report
        try (Progress progress = Progress.open("dma-map-benchmark", spec.seconds() * 1000L, "simulated ms", 1, System.err)) {
            r = MapBenchmark.run(p, spec, spec.nanos(), model, gaps, now -> progress.stepTo(now / 1_000_000L));
        }
        return print(r.kernelLines(), r.notes());
    }

    /** --wall: the same loop on the actor engine, timed by the wall clock. */
    private int wall(MapBenchSpec spec, boolean gaps) {
        if (sweepDir != null) {
            throw new UsageException("--wall: the thread sweep (--sweep-threads) runs on the cost model only");
        }
        if (spec.seconds() > WallBenchmark.MAX_SECONDS) {
            throw new UsageException("-s: with --wall, wall seconds must be in 1-" + WallBenchmark.MAX_SECONDS
                    + ", got " + spec.seconds());
        }
        Policy p = invalidation.apply(policy.single(), policy.overrides);
        if (p.invalidation().lazy()) {
            throw new UsageException("--wall: invalidation=" + p.invalidation().word()
                    + ": the wall-clock loop drives no flush queues (nor their simulated-clock timer) yet; run without --wall");
        }
        System.err.println("# --wall: latencies are this JVM's actor message round trips (map: a CPU actor's Map to"
                + " its answer; unmap: its Free to completion), measured in wall time, not the kernel's");
        WallBenchmark.Result r;
        try (Progress progress = Progress.open("dma-map-benchmark --wall", spec.seconds() * 1000L, "wall ms", 1,
                System.err)) {
            r = WallBenchmark.run(p, spec, gaps, EngineSettings.defaults(), progress::stepTo);
        }
        return print(r.kernelLines(), r.notes());
    }

    /** The tool's output lines, and with --verbose the allocator's notes on standard error. */
    private int print(List<String> kernelLines, List<String> notes) {
        kernelLines.forEach(System.out::println);
        if (verbose) notes.forEach(System.err::println);
        return ExitCodes.OK;
    }

    /** The run's settings at {@code threadCount} threads; a bad flag is a usage error naming it. */
    MapBenchSpec spec(int threadCount) {
        Direction dir = Direction.parse(direction);
        if (dir == null) {
            throw new UsageException("-d: invalid dma direction '" + direction
                    + "': expected 0 (BIDIRECTIONAL), 1 (TO_DEVICE) or 2 (FROM_DEVICE)");
        }
        try {
            return new MapBenchSpec(threadCount, seconds, node, bits, dir, delay, granule, seed.value);
        } catch (MapBenchSpec.Invalid e) {
            throw new UsageException(e.flag() + ": " + e.getMessage());
        }
    }
}
