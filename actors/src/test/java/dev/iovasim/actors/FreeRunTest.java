package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.NicWorkload;
import dev.iovasim.allocator.workload.SacPressureWorkload;
import dev.iovasim.allocator.workload.SpecValues;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Free-running: every CPU actor runs its workload at once; at the end everything is accounted for. */
class FreeRunTest {
    private static final int CPUS = 8;
    private static final long OPS = 4000;

    static java.util.List<Policy> presets() {
        return ActorReplayConformanceTest.presets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void tightSpaceRunEndsConserved(Policy policy) {
        ChurnWorkload w = new ChurnWorkload(30, 256);
        ActorRunResult r = FreeRun.run(policy, w.domain(CPUS), w, CPUS, OPS, 42, null, null, EngineSettings.defaults(),
                done -> { }, FreeRun.Live.NONE);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        assertEquals(0, r.errors(), () -> "errors: " + r.firstError());
        assertEquals(CPUS * OPS + 1, r.ops(), "each CPU's share and the setup's one reservation");
        assertEquals(r.ops() - 1, r.stats().get(Counter.ALLOCS) + r.stats().get(Counter.FREES), "every other operation is an allocation or a free");
        assertTrue(r.stats().rcacheHits() > 0, "most maps are cache hits");
        if (!policy.callerChoosesFlush()) {
            assertTrue(r.flushLatency().count() > 0, "4.14 flushes on every failed SAC attempt in a 256-page hole");
            assertEquals(r.flushLatency().count() * 2L * CPUS + (policy.flushDrainsDepot() ? 2 * r.flushLatency().count() : 0),
                    r.fanoutMessages(), "a Flush and a Flushed per CPU per flush");
        }
        assertEquals(r.flushLatency().count(), r.stats().get(Counter.FLUSHES));
        assertEquals(r.allocLatency().count(), r.stats().get(Counter.ALLOCS));
    }

    @Test
    void manyCpusEachRunTheirShare() {
        ChurnWorkload w = new ChurnWorkload(50, 0);
        ActorRunResult r = FreeRun.run(Policy.LINUX_6_7, new DomainConfig(1, 4096, 1), w, 64, 1000, 7,
                null, null, EngineSettings.defaults(), done -> { }, FreeRun.Live.NONE);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        assertEquals(64 * 1000, r.ops());
        assertTrue(r.conservation().liveRanges() > 0);
    }

    /** The setup's reservation is an operation in both engines (it once went uncounted in the actors'). */
    @Test
    void setupOperationsCountAsInTheReferenceEngine() {
        SacPressureWorkload w = new SacPressureWorkload(SpecValues.parse(SacPressureWorkload.NAME, "",
                SacPressureWorkload.PARAMS));
        RunSpec spec = RunSpec.of(Policy.LINUX_6_1, w, 8, 500, 3);
        long reference = new ReferenceEngine().run(spec, ProgressListener.NONE).longValue("ops");
        long actors = new ActorsEngine().run(spec, ProgressListener.NONE).longValue("ops");
        assertTrue(reference > 8 * 500, "the setup adds operations: " + reference);
        assertEquals(reference, actors);
    }

    /**
     * The tree owner's report carries the depot's sizes (the depot gauge). Each CPU maps a ring of
     * 4096 and then completes all of it, twice: the run ends on completions, which leave full
     * magazines in the depot.
     */
    @Test
    void theLastTreeReportCarriesTheDepotsSizes() {
        NicWorkload w = new NicWorkload(SpecValues.parse(NicWorkload.NAME, "ring=4096,budget=4096", NicWorkload.PARAMS));
        AtomicReference<TreeReports.TreeReport> last = new AtomicReference<>();
        FreeRun.Live live = new FreeRun.Live(false, false, (tree, cpus) -> { }, (tree, cpus) -> last.set(tree));
        ActorRunResult r = FreeRun.run(Policy.LINUX_6_1, w.domain(4), w, 4, 2 * 8192, 5, null, null, EngineSettings.defaults(),
                done -> { }, live);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        int[] depot = last.get().depotMagazines();
        assertEquals(SizeClass.CACHED_CLASSES, depot.length);
        assertTrue(Arrays.stream(depot).sum() > 0, "full magazines left in the depot: " + Arrays.toString(depot));
    }
}
