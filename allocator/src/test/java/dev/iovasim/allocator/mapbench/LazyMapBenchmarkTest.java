package dev.iovasim.allocator.mapbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.cost.CostModel;
import org.junit.jupiter.api.Test;

/**
 * map_benchmark_thread (kernel/dma/map_benchmark.c, v6.6) on a flush-queue domain: unmaps go
 * through queue_iova, and fq_flush_iotlb / fq_flush_timeout (drivers/iommu/dma-iommu.c, v6.6)
 * flush and free on the simulated clock.
 */
class LazyMapBenchmarkTest {
    private static final CostModel MODEL = CostModel.calibrated();
    private static final long WINDOW_NS = 25_000_000L;

    private static Policy mode(String word) {
        return PolicySwitches.apply(Policy.LINUX_6_1, "invalidation=" + word);
    }

    private static MapBenchResult run(String mode, int threads, int granule, long delay, long seed) {
        MapBenchSpec s = new MapBenchSpec(threads, 1, -1, 32, Direction.BIDIRECTIONAL, delay, granule, seed);
        return MapBenchmark.run(mode(mode), s, WINDOW_NS, MODEL, true, now -> { });
    }

    @Test
    void aLazyUnmapSkipsTheSyncSoItIsCheaperThanStrictAtTheSameFlags() {
        // __iommu_dma_unmap (v6.6): with a flush-queue domain iommu_iotlb_sync is not called
        for (int granule : new int[] {1, 8, 64}) {
            MapBenchResult strict = run("strict", 16, granule, 0, 3);
            MapBenchResult lazy = run("lazy", 16, granule, 0, 3);
            assertTrue(lazy.unmap().average100ns() < strict.unmap().average100ns(),
                    "-g " + granule + ": " + strict.kernelLines() + " vs " + lazy.kernelLines());
            assertEquals(0, strict.stats().get(Counter.FQ_QUEUED));
        }
    }

    @Test
    void aFullQueueFlushesOnTheUnmappingCpuAndEachFlushIsOneInvalidateAllCommand() {
        // queue_iova (v6.6): a CPU's 256-slot ring holds 255 entries; the 256th unmap finds it full and flushes
        MapBenchResult r = run("lazy", 1, 1, 0, 1);
        AllocStats s = r.stats();
        assertTrue(s.get(Counter.FQ_FULL_FLUSHES) > 0, r.notes().toString());
        assertEquals(s.get(Counter.FQ_FULL_FLUSHES) + s.get(Counter.FQ_TIMER_FLUSHES), s.get(Counter.FQ_FLUSHES));
        assertEquals(s.get(Counter.FQ_FLUSHES), r.invalidationQueue().acquisitions(), "fq_flush_iotlb: one flush_iotlb_all per flush");
        assertEquals(r.unmap().loops(), s.get(Counter.FQ_QUEUED), "every unmap is queued");
        assertTrue(s.get(Counter.FQ_FREED) <= s.get(Counter.FQ_QUEUED) && s.get(Counter.FQ_QUEUED) - s.get(Counter.FQ_FREED) <= 255, r.notes().toString());
    }

    @Test
    void theTimerFlushesEvery10SimulatedMillisecondsWhenQueuesDoNotFill() {
        // fq_flush_timeout (v6.6): IOVA_FQ_TIMEOUT is 10 ms; a 100 us delay queues about 250 per 25 ms, never 255 in 10
        MapBenchResult r = run("lazy", 4, 1, 100_000, 1);
        AllocStats s = r.stats();
        assertEquals(0, s.get(Counter.FQ_FULL_FLUSHES), r.notes().toString());
        assertEquals(2, s.get(Counter.FQ_TIMER_FLUSHES), r.notes().toString());
        assertTrue(s.get(Counter.FQ_FREED) > 0 && s.get(Counter.FQ_MAX_WAIT_NANOS) <= 10_000_000L, r.notes().toString());
    }

    @Test
    void theSameSettingsAndSeedGiveTheSameOutputInLazyMode() {
        MapBenchResult a = run("lazy", 8, 4, 500, 7);
        MapBenchResult b = run("lazy", 8, 4, 500, 7);
        assertEquals(a.kernelLines(), b.kernelLines());
        assertEquals(a.notes(), b.notes());
    }

    @Test
    void theSingleQueueKeepsIovasOutOfReachLongerThanPerCpuQueues() {
        // IOVA_SINGLE_FQ_SIZE (32768) entries wait for a 1 s timer or a full queue; the CPUs' magazines
        // run dry and maps go to the tree, where per-CPU queues recycle every 255 unmaps
        MapBenchResult perCpu = run("lazy", 8, 1, 0, 1);
        MapBenchResult single = run("lazy-single", 8, 1, 0, 1);
        assertTrue(single.stats().get(Counter.TREE_ALLOCS) > 10 * perCpu.stats().get(Counter.TREE_ALLOCS), perCpu.notes() + " vs " + single.notes());
        assertEquals(0, single.stats().get(Counter.FQ_TIMER_FLUSHES));
    }

    @Test
    void aMapFailsWhileTheFreedSpaceWaitsInTheFlushQueue() {
        // alloc_iova_fast (v6.6) flushes only the rcaches on failure, never a flush queue: 32767 queued
        // 64-page IOVAs are 8 GiB of IOVA space, more than a 32-bit mask has
        assertThrows(MapBenchmark.MapFailed.class, () -> run("lazy-single", 16, 64, 0, 1));
    }
}
