package dev.iovasim.allocator.mapbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.cost.CostModel;
import org.junit.jupiter.api.Test;

/** map_benchmark_thread (kernel/dma/map_benchmark.c, v6.6) on simulated clocks, in short windows. */
class MapBenchmarkTest {
    private static final CostModel MODEL = CostModel.calibrated();
    private static final long WINDOW_NS = 20_000_000L;

    private static MapBenchSpec spec(int threads, int bits, int granule, long delay, long seed) {
        return new MapBenchSpec(threads, 1, -1, bits, Direction.BIDIRECTIONAL, delay, granule, seed);
    }

    private static MapBenchResult run(Policy p, MapBenchSpec s) {
        return MapBenchmark.run(p, s, WINDOW_NS, MODEL, true, now -> { });
    }

    @Test
    void theSameSettingsAndSeedGiveTheSameOutput() {
        MapBenchSpec s = spec(8, 32, 64, 0, 7);
        MapBenchResult a = run(Policy.LINUX_6_1, s);
        MapBenchResult b = run(Policy.LINUX_6_1, s);
        assertEquals(a.kernelLines(), b.kernelLines());
        assertEquals(a.map().loops(), b.map().loops());
        assertEquals(a.treeLock().waitedNs(), b.treeLock().waitedNs());
    }

    @Test
    void moreThreadsSharingASmallApertureWaitLongerForTheTreeLock() {
        // 64-page buffers are above the rcache's 32 pages: every map and unmap takes iova_rbtree_lock
        MapBenchResult one = run(Policy.LINUX_6_1, spec(1, 24, 64, 0, 1));
        MapBenchResult many = run(Policy.LINUX_6_1, spec(16, 24, 64, 0, 1));
        assertEquals(0, one.treeLock().waitedNs());
        assertTrue(many.treeLock().waitedNs() > 0);
        assertTrue(many.map().average100ns() > one.map().average100ns(),
                one.kernelLines() + " vs " + many.kernelLines());
    }

    @Test
    void cachedSizesStayOffTheTreeAfterEachThreadsFirstMap() {
        MapBenchResult r = run(Policy.LINUX_6_1, spec(16, 32, 1, 0, 1));
        assertEquals(16, r.stats().get(Counter.TREE_ALLOCS), "one tree allocation per thread, then its own magazine serves it");
        assertEquals(0, r.stats().get(Counter.FLUSHES));
    }

    @Test
    void strictUnmapsQueueBehindEachOtherOnTheInvalidationQueue() {
        MapBenchResult few = run(Policy.LINUX_6_1, spec(2, 32, 8, 0, 1));
        MapBenchResult many = run(Policy.LINUX_6_1, spec(256, 32, 8, 0, 1));
        assertEquals(0, few.invalidationQueue().waitedNs());
        assertTrue(many.unmap().average100ns() > few.unmap().average100ns(), few.kernelLines() + " vs " + many.kernelLines());
    }

    @Test
    void aMapThatFindsNoSpaceStopsTheRunAsTheKernelsThreadDoes() {
        // a 20-bit mask holds 255 pages: three 64-page buffers fit, the fourth thread's cannot
        MapBenchmark.MapFailed e = assertThrows(MapBenchmark.MapFailed.class,
                () -> run(Policy.LINUX_6_1, spec(8, 20, 64, 100_000, 1)));
        assertTrue(e.getMessage().contains("dma_map_single failed") && e.getMessage().contains("20-bit"), e.getMessage());
    }

    @Test
    void theKernelToolsLimitsAreRefusedWithItsWords() {
        MapBenchSpec.Invalid e = assertThrows(MapBenchSpec.Invalid.class, () -> spec(1025, 32, 1, 0, 1));
        assertEquals("-t", e.flag());
        assertTrue(e.getMessage().startsWith("invalid number of threads, must be in 1-1024"), e.getMessage());
        assertEquals("-b", assertThrows(MapBenchSpec.Invalid.class, () -> spec(1, 19, 1, 0, 1)).flag());
        assertEquals("-g", assertThrows(MapBenchSpec.Invalid.class, () -> spec(1, 32, 1025, 0, 1)).flag());
        assertEquals("-x", assertThrows(MapBenchSpec.Invalid.class, () -> spec(1, 32, 1, 10_000_001, 1)).flag());
    }

    @Test
    void directionsAreTheToolsNumbersOrNames() {
        assertEquals(Direction.FROM_DEVICE, Direction.parse("2"));
        assertEquals(Direction.TO_DEVICE, Direction.parse("to_device"));
        assertEquals(null, Direction.parse("3"));
    }
}
