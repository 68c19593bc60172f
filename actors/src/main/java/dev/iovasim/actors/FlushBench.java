package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
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
                         long messagesPerRound, long bytesPerRound, long pfnsPerRound, Bare bare) {
    }

    /** The bare fan-out's rounds ({@link BareFanOut}), measured in the same run; null when not asked for. */
    public record Bare(LatencySummary gather, long messagesPerRound, long bytesPerRound, long pfnsPerRound) {
    }

    public static Result run(Policy policy, int cpus, int rounds, int warmup, double fill, EngineSettings settings,
                             boolean compareBare, IntConsumer roundDone) {
        try (LocalMachine m = LocalMachine.start(policy, new DomainConfig(cpus, 4096, 1), true, false, settings, c -> null)) {
            return run(m, policy, rounds, warmup, fill, compareBare, roundDone);
        }
    }

    /**
     * The rounds on a machine already started (CPU actors without workloads); leaves it open.
     *
     * Before each timed round, garbage is collected (so no collection falls inside the round) and
     * one untimed round runs (the collection leaves caches and threads cold: timed straight after
     * it, a round over 4 JVMs measured p50 1.3 ms instead of 0.7-1.0 ms; with no collection, the
     * refill's garbage made one JVM's 1024-CPU p99 3.8 ms instead of 2.3 ms).
     *
     * With {@code compareBare}, every round is an A/B pair, the simulated flush and the bare
     * fan-out of the same shape (each with its own collection and untimed round first), in an
     * order that alternates from round to round, so that noise and drift hit both alike. A timed
     * bare round runs, as a simulated one does, straight after a refill of the simulated CPUs
     * (whose tree walk leaves the caches cold), and those CPUs are flushed (untimed) after it: timed
     * with the warm caches of its untimed round instead, a 128-CPU bare round measured p50 30-40
     * us against 215 us after a refill, which made the ratio 14x instead of 2.7x
     * (docs/actors-notes.md, "flushbench: where a round's time goes").
     *
     * @param roundDone told each round's index (warm-up included) once it is over
     */
    public static Result run(Machine m, Policy policy, int rounds, int warmup, double fill, boolean compareBare,
                             IntConsumer roundDone) {
        int perMagazine = (int) Math.round(fill * policy.magazineSize());
        ActorRef<TreeOwnerActor.Command> bare = compareBare ? m.spawnBare(perMagazine) : null;
        AbstractHistogram gather = LatencyBook.newHistogram();
        AbstractHistogram flush = LatencyBook.newHistogram();
        AbstractHistogram bareGather = LatencyBook.newHistogram();
        TreeBench.BenchRound last = null;
        TreeBench.BenchRound lastBare = null;
        for (int r = 0; r < warmup + rounds; r++) {
            boolean timed = r >= warmup;
            boolean bareFirst = (r & 1) == 1;
            if (bare != null && bareFirst) lastBare = bareRound(m, bare, perMagazine, timed, bareGather, r);
            if (timed) {
                System.gc();
                round(m, perMagazine, "the round after a collection");
            }
            TreeBench.BenchRound b = round(m, perMagazine, "flush round " + r);
            if (bare != null && !bareFirst) lastBare = bareRound(m, bare, perMagazine, timed, bareGather, r);
            roundDone.accept(r);
            if (!timed) continue;
            LatencyBook.recordClamped(gather, b.gatherNanos());
            LatencyBook.recordClamped(flush, b.flushNanos());
            last = b;
        }
        Bare bareResult = bare == null ? null : new Bare(LatencySummary.of(bareGather), lastBare.messages(), lastBare.bytes(),
                lastBare.pfns());
        return new Result(m.cpuCount(), rounds, perMagazine, LatencySummary.of(gather), LatencySummary.of(flush),
                last.messages(), last.bytes(), last.pfns(), bareResult);
    }

    /**
     * A bare round, timed like the simulated one: after a collection and an untimed round, and
     * straight after the refill a simulated round has before it (the simulated CPUs are flushed
     * after it, untimed, so that the next refill finds their magazines empty).
     */
    private static TreeBench.BenchRound bareRound(Machine m, ActorRef<TreeOwnerActor.Command> bare, int perMagazine,
                                                  boolean timed, AbstractHistogram into, int r) {
        if (timed) {
            System.gc();
            m.ask(bare, TreeBench.BenchFlush::new, "the bare round after a collection");
        }
        refill(m, perMagazine, "bare round " + r);
        TreeBench.BenchRound b = m.ask(bare, TreeBench.BenchFlush::new, "bare round " + r);
        m.ask(m.tree(), TreeBench.BenchFlush::new, "the flush after bare round " + r);
        if (timed) LatencyBook.recordClamped(into, b.gatherNanos());
        return b;
    }

    /** Fills every simulated CPU's magazines from the tree (untimed); answers the pfns it put there. */
    private static long refill(Machine m, int perMagazine, String before) {
        return m.ask(m.tree(), (ActorRef<TreeBench.Refilled> to) -> new TreeBench.BenchRefill(perMagazine, to),
                "the refill before " + before).pfns();
    }

    /** A refill and its flush; every pfn the refill put in the magazines must come back. */
    private static TreeBench.BenchRound round(Machine m, int perMagazine, String what) {
        long refilled = refill(m, perMagazine, what);
        TreeBench.BenchRound b = m.ask(m.tree(), TreeBench.BenchFlush::new, what);
        if (b.pfns() != refilled) {
            throw new IllegalStateException(what + " returned " + b.pfns() + " pfns of the " + refilled
                    + " its refill put in the CPUs' magazines");
        }
        return b;
    }
}
