package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.mapbench.Direction;
import dev.iovasim.allocator.mapbench.MapBenchResult;
import dev.iovasim.allocator.mapbench.MapBenchSpec;
import dev.iovasim.allocator.mapbench.MapBenchmark;
import dev.iovasim.mapbench.ThreadSweep;
import dev.iovasim.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code iovasim dma-map-benchmark}: the kernel's tools/testing/selftests/dma/dma_map_benchmark
 * on the simulated allocator, with its flags, limits and output lines; latencies come from the
 * cost model on simulated clocks (see {@link MapBenchmark}).
 */
@Command(name = "dma-map-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the kernel's dma_map_benchmark on simulated CPUs and prints its latency lines.",
        description = {"Imitates tools/testing/selftests/dma/dma_map_benchmark: each thread is a simulated CPU that maps",
                "a buffer of -g pages, waits -x ns and unmaps it, in a loop, for -s simulated seconds. Latencies come",
                "from the calibrated cost model (docs/cost-model.md) on each thread's simulated clock: a proxy, not a",
                "measurement, and the same for the same flags and --seed. Output: the tool's three lines."})
public final class DmaMapBenchmarkCommand implements Callable<Integer> {
    @Option(names = "-t", paramLabel = "THREADS", defaultValue = "1",
            description = "Threads (simulated CPUs), 1-1024. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "-s", paramLabel = "SECONDS", defaultValue = "20",
            description = "Simulated seconds, 1-300. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "-n", paramLabel = "NODE", defaultValue = "-1",
            description = "NUMA node of the threads: -1 (any) or 0, the simulated machine's one node. Default: ${DEFAULT-VALUE}.")
    int node;

    @Option(names = "-b", paramLabel = "BITS", defaultValue = "32",
            description = "DMA mask bits of the device, 20-64. Default: ${DEFAULT-VALUE}.")
    int bits;

    @Option(names = "-d", paramLabel = "DIR", defaultValue = "0",
            description = "DMA direction: 0 or BIDIRECTIONAL, 1 or TO_DEVICE, 2 or FROM_DEVICE (the simulated device is"
                    + " coherent: the direction is printed, not priced). Default: ${DEFAULT-VALUE}.")
    String direction;

    @Option(names = "-x", paramLabel = "NS", defaultValue = "0",
            description = "Transmit delay between map and unmap, ns, 0-10000000. Default: ${DEFAULT-VALUE}.")
    long delay;

    @Option(names = "-g", paramLabel = "PAGES", defaultValue = "1",
            description = "Buffer size in 4 KiB pages, 1-1024. Default: ${DEFAULT-VALUE}.")
    int granule;

    @Option(names = "--invalidation", paramLabel = "MODE",
            description = "IOTLB invalidation, of: strict, lazy, lazy-single (as --set invalidation=MODE). strict: each"
                    + " unmap invalidates and waits for the sync; lazy: each unmap queues its IOVA in its CPU's flush"
                    + " queue, and a full queue or the 10 ms timer makes one domain-wide flush; lazy-single: one"
                    + " 32768-slot queue for all CPUs, 1 s timer. Default: the policy's (every preset: strict).")
    String invalidation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the threads' start offsets within the first microsecond. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--search", paramLabel = "MODE", defaultValue = "gap", completionCandidates = Catalogues.Searches.class,
            description = "Tree search, of: ${COMPLETION-CANDIDATES} (same pfns and same priced work; 'gap' runs"
                    + " faster). Default: ${DEFAULT-VALUE}.")
    String search;

    @Option(names = "--sweep-threads", paramLabel = "DIR",
            description = "Instead of one run: run every thread count 1, 2, 4 .. 256 under each --policy (a comma list;"
                    + " default every preset) and write DIR/map-latency.csv and DIR/map-latency.png.")
    Path sweepDir;

    @Option(names = "--sweep-ms", paramLabel = "MS", defaultValue = "100",
            description = "Simulated milliseconds of each sweep run (a window shorter than -s, so that 256 threads"
                    + " under every preset take minutes, not hours). Default: ${DEFAULT-VALUE}.")
    long sweepMillis;

    @Option(names = "--verbose", description = "Also print, on standard error, what the allocator and the shared locks did.")
    boolean verbose;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Override
    public Integer call() throws IOException {
        MapBenchSpec spec = spec(threads);
        CostModel model = CostModel.calibrated();
        boolean gaps = SearchMode.of(search).gaps();
        if (sweepDir != null) {
            List<Policy> policies = policy.resolve(String.join(",", new Catalogues.Presets())).stream()
                    .map(p -> ClockOptions.withInvalidation(p, invalidation)).toList();
            if (sweepMillis < 1 || sweepMillis > 1000L * MapBenchSpec.MAX_SECONDS) {
                throw new UsageException("--sweep-ms: must be in 1-" + 1000L * MapBenchSpec.MAX_SECONDS + ", got " + sweepMillis);
            }
            ThreadSweep.run(policies, this::spec, sweepMillis * 1_000_000L, model, gaps, sweepDir, System.err);
            return ExitCodes.OK;
        }
        Policy p = ClockOptions.withInvalidation(policy.single(Policy.DEFAULT.name()), invalidation);
        MapBenchResult r;
        // progress in simulated milliseconds of the run's -s seconds
        try (Progress progress = Progress.open("dma-map-benchmark", spec.seconds() * 1000L, "simulated ms", 1, System.err)) {
            r = MapBenchmark.run(p, spec, spec.nanos(), model, gaps, now -> progress.stepTo(now / 1_000_000L));
        } catch (MapBenchmark.MapFailed e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        r.kernelLines().forEach(System.out::println);
        if (verbose) r.notes().forEach(System.err::println);
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
            return new MapBenchSpec(threadCount, seconds, node, bits, dir, delay, granule, seed);
        } catch (MapBenchSpec.Invalid e) {
            throw new UsageException(e.flag() + ": " + e.getMessage());
        }
    }
}
