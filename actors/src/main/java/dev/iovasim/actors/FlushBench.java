package dev.iovasim.actors;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import java.util.function.IntConsumer;
import org.HdrHistogram.AbstractHistogram;

/**
 * The flush alone, as the kernel's dma_map_benchmark would time it: rounds of fan-out to every CPU
 * actor and gather of their magazines, over CPUs whose magazines were refilled (untimed) before
 * each round. The tree owner times each round from the first Flush sent.
 */
public final class FlushBench {
    private FlushBench() {
    }

    /**
     * @param gather   fan-out until the last answer arrived
     * @param flush    the same plus freeing every returned pfn to the tree in CPU order
     */
    public record Result(int cpus, int rounds, int perMagazine, LatencySummary gather, LatencySummary flush,
                         long messagesPerRound, long bytesPerRound, long pfnsPerRound) {
    }

    public static Result run(Policy policy, int cpus, int rounds, int warmup, double fill, EngineSettings settings,
                             IntConsumer roundDone) {
        try (LocalMachine m = LocalMachine.start(policy, new DomainConfig(cpus, 4096, 1), true, settings, c -> null)) {
            return run(m, policy, rounds, warmup, fill, true, roundDone);
        }
    }

    /** The rounds on a machine already started (CPU actors without workloads); leaves it open. */
    public static Result run(Machine m, Policy policy, int rounds, int warmup, double fill) {
        return run(m, policy, rounds, warmup, fill, false, r -> {
        });
    }

    /**
     * @param collect   collect garbage before each round, so that the refill's garbage is not collected
     *                  inside a timed round. Right for one JVM (p99 at 1024 CPUs 2.3 ms with, 3.8 ms
     *                  without); wrong over a cluster, where the pause leaves the other JVMs idle and
     *                  the round then starts cold (128 CPUs, per-node: p50 1.3 ms with, 0.7-1.0 without)
     * @param roundDone told each round's index (warm-up included) once it is over
     */
    public static Result run(Machine m, Policy policy, int rounds, int warmup, double fill, boolean collect,
                             IntConsumer roundDone) {
        int perMagazine = (int) Math.round(fill * policy.magazineSize());
        AbstractHistogram gather = LatencyBook.newHistogram();
        AbstractHistogram flush = LatencyBook.newHistogram();
        long messages = 0;
        long bytes = 0;
        long pfns = 0;
        for (int r = 0; r < warmup + rounds; r++) {
            TreeOwnerActor.Refilled refilled = m.ask(m.tree(), to -> new TreeOwnerActor.BenchRefill(perMagazine, to), "refill");
            if (collect) System.gc();
            TreeOwnerActor.BenchRound b = m.ask(m.tree(), TreeOwnerActor.BenchFlush::new, "flush round " + r);
            roundDone.accept(r);
            if (r < warmup) continue;
            LatencyBook.recordClamped(gather, b.gatherNanos());
            LatencyBook.recordClamped(flush, b.flushNanos());
            messages = b.messages();
            bytes = b.bytes();
            pfns = b.pfns();
        }
        return new Result(m.cpuCount(), rounds, perMagazine, LatencySummary.of(gather), LatencySummary.of(flush), messages,
                bytes, pfns);
    }
}
