package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several CPUs fail in the tree and flush at the same time, not one operation at a time. Each
 * waiting CPU must still answer the others' flushes, or they deadlock; the wait here is bounded.
 */
class ConcurrentFlushTest {
    private static final long DMA32 = 1L << 20;
    private static final int CPUS = 4;
    private static final long HOLE = 32;
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withAskTimeout(Duration.ofSeconds(10));

    static List<Policy> presets() {
        return ActorReplayConformanceTest.presets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void cpusThatFailTogetherAllFlushAndNoneHangs(Policy policy) throws Exception {
        Machine m = LocalMachine.start(policy, new DomainConfig(CPUS, 4096, 1), true, false, SETTINGS, cpu -> null);
        try (ActorTarget engine = ActorTarget.over(m)) {
            assertTrue(engine.reserve(1, DMA32 - 1 - HOLE));
            fillHoleIntoMagazines(engine);

            List<CompletableFuture<CpuActor.Allocated>> answers = new ArrayList<>();
            for (int cpu = 0; cpu < CPUS; cpu++) {
                answers.add(m.askLater(m.cpu(cpu), r -> new CpuActor.Alloc(HOLE, DMA32 - 1, true, r), Duration.ofSeconds(10)));
            }
            int succeeded = 0;
            long held = 0;
            for (CompletableFuture<CpuActor.Allocated> a : answers) {
                long pfn = a.get(15, TimeUnit.SECONDS).pfn();
                if (pfn != 0) {
                    succeeded++;
                    held = pfn;
                }
            }
            long holding = held;
            AllocStats s = engine.stats();
            assertEquals(1, succeeded, "the hole fits exactly one " + HOLE + "-page range");
            assertEquals(CPUS, s.get(Counter.FLUSHES), "every CPU failed in the tree and flushed");
            assertEquals(HOLE, s.get(Counter.FLUSHED_PFNS), "the first flush returned every cached page, the others nothing");
            assertTrue(engine.check(sink -> sink.accept(holding)).ok(), "conservation after the concurrent flushes");
        }
    }

    /** Each CPU allocates its share of the hole in single pages and frees them into its magazines. */
    private static void fillHoleIntoMagazines(ActorTarget engine) {
        long[] pfns = new long[(int) HOLE];
        for (int i = 0; i < HOLE; i++) pfns[i] = engine.alloc(i % CPUS, 1, DMA32 - 1, false);
        for (int i = 0; i < HOLE; i++) {
            assertTrue(pfns[i] != 0, "the hole has room for " + HOLE + " pages");
            engine.free(i % CPUS, pfns[i], 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void operationsSentAheadWaitTheirTurn(Policy policy) throws Exception {
        Machine m = LocalMachine.start(policy, new DomainConfig(2, 4096, 1), true, false, SETTINGS, cpu -> null);
        try (ActorTarget engine = ActorTarget.over(m)) {
            assertTrue(engine.reserve(1, DMA32 - 1 - HOLE));
            List<CompletableFuture<CpuActor.Allocated>> answers = new ArrayList<>();
            for (int i = 0; i < HOLE + 4; i++) {
                answers.add(m.askLater(m.cpu(i % 2), r -> new CpuActor.Alloc(1, DMA32 - 1, true, r), Duration.ofSeconds(10)));
            }
            PfnList got = new PfnList();
            for (CompletableFuture<CpuActor.Allocated> a : answers) {
                long pfn = a.get(15, TimeUnit.SECONDS).pfn();
                if (pfn != 0) got.accept(pfn);
            }
            long[] held = got.toArray();
            assertEquals(HOLE, held.length, "exactly the hole's pages are handed out");
            assertTrue(engine.check(sink -> {
                for (long pfn : held) sink.accept(pfn);
            }).ok(), "each page handed out once");
            assertTrue(!engine.check(sink -> { }).ok(), "with nobody holding them the check must see leaks");
        }
    }
}
