package dev.iovasim.mapbench;

import akka.actor.typed.ActorRef;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.LocalMachine;
import dev.iovasim.actors.ConservationSurvey;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.mapbench.LatencySums;
import dev.iovasim.allocator.mapbench.MapBenchResult;
import dev.iovasim.allocator.mapbench.MapBenchmark;
import dev.iovasim.allocator.mapbench.MapBenchSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * {@code dma-map-benchmark --wall}: the kernel's benchmark loop on the actor engine in this JVM,
 * for the spec's seconds of wall time. Thread {@code i} is a {@link WallThread} driving CPU actor
 * {@code i}; the latencies are this JVM's message round trips to the CPU actors (and, on a miss,
 * on to the depot and tree owner), not a kernel's. The run ends with the tree owner's conservation
 * check, like every actor run. Not deterministic: the figures depend on the host and its load.
 */
public final class WallBenchmark {
    /** Wall seconds a run may take at most: a bound on what a mistyped -s can cost. */
    public static final int MAX_SECONDS = 60;
    private static final long POLL_MS = 250;

    /** The summed latencies of every thread, and what the verbose notes need. */
    public record Result(MapBenchSpec spec, String policy, LatencySums map, LatencySums unmap, long liveRanges) {
        public List<String> kernelLines() {
            return MapBenchResult.kernelLines(spec, map, unmap);
        }

        public List<String> notes() {
            return List.of(String.format(Locale.ROOT, "# policy %s, actor engine, %d loops (%d per thread on average);"
                            + " conservation check ok (live ranges at the end: %d)", policy, map.loops(),
                    map.loops() / spec.threads(), liveRanges));
        }
    }

    private WallBenchmark() {
    }

    /**
     * Runs {@code spec} (its seconds are wall seconds, at most {@link #MAX_SECONDS}), telling
     * {@code progress} the wall milliseconds elapsed now and then.
     */
    public static Result run(Policy policy, MapBenchSpec spec, boolean gapSearch, EngineSettings settings,
                             LongConsumer progress) {
        if (spec.seconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("wall seconds must be in 1-" + MAX_SECONDS + ", got " + spec.seconds());
        }
        if (policy.invalidation().lazy()) {
            throw new IllegalArgumentException("invalidation=" + policy.invalidation().word()
                    + ": the wall-clock loop drives no flush queues (nor their simulated-clock timer) yet");
        }
        DomainConfig config = new DomainConfig(spec.threads(), MapBenchSpec.PAGE_SIZE, 1);
        try (LocalMachine m = LocalMachine.start(policy, config, gapSearch, false, settings, cpu -> null)) {
            DmaLayer dma = new DmaLayer(policy, config.dma32Pfn(), new AllocStats());
            Duration within = Duration.ofNanos(spec.nanos()).plus(settings.askTimeout());
            List<ActorRef<WallThread.Command>> threads = new ArrayList<>(spec.threads());
            for (int t = 0; t < spec.threads(); t++) {
                threads.add(m.spawnDriver(WallThread.create(t, m.cpu(t), spec, dma), "dma-map-benchmark-" + t));
            }
            // the kernel's msleep starts once every thread is created and woken
            long start = System.nanoTime();
            long deadline = start + spec.nanos();
            List<CompletableFuture<WallThread.Done>> done = new ArrayList<>(spec.threads());
            for (ActorRef<WallThread.Command> thread : threads) {
                done.add(m.askLater(thread, r -> new WallThread.Go(deadline, r), within));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]));
            waitFor(all, start, progress);
            LatencySums map = new LatencySums();
            LatencySums unmap = new LatencySums();
            String failure = null;
            for (CompletableFuture<WallThread.Done> f : done) {
                WallThread.Done d = m.await(f, "a dma-map-benchmark thread");
                map.addAll(d.map());
                unmap.addAll(d.unmap());
                if (failure == null) failure = d.failure();
            }
            // every thread ended after an unmap or a failed map: nothing is held
            ConservationSurvey.Checked c = m.ask(m.tree(), r -> new ConservationSurvey.Check(new long[0], r),
                    "the conservation check");
            if (!c.ok()) throw new ConservationFailure("dma-map-benchmark --wall: conservation check failed: " + c.problem());
            if (failure != null) throw new MapBenchmark.MapFailed(failure);
            return new Result(spec, policy.name(), map, unmap, c.liveRanges());
        }
    }

    /** Waits for every thread, reporting progress; each thread's own ask timeout bounds the wait. */
    private static void waitFor(CompletableFuture<Void> all, long start, LongConsumer progress) {
        while (!all.isDone()) {
            try {
                all.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                progress.accept((System.nanoTime() - start) / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
