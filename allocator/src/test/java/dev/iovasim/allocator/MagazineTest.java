package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.loaded;
import static dev.iovasim.allocator.TestDomains.prev;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §4b: the pop (threshold LIMIT+1-size, scan from the top, swap-with-last), 4.14's top-only pop, capacities. */
class MagazineTest {

    /** Class 0's loaded of a CPU with 8-entry magazines, holding {@code pfns} in index order. */
    private static CpuCaches loadedWith(long... pfns) {
        CpuCaches c = new CpuCaches(8, SizeClass.CACHED_CLASSES);
        for (long pfn : pfns) c.tryPush(0, pfn);
        return c;
    }

    @Test
    void popScansFromTheTopAndFillsTheHoleWithTheLast() {
        CpuCaches c = loadedWith(10, 20, 30, 40);
        assertEquals(20, c.pop(0, 1, 25, false), "threshold limit + 1 - size = 25");
        assertArrayEquals(new long[] {10, 40, 30}, c.loaded(0));
        assertEquals(30, c.pop(0, 1, 100, false));
        assertEquals(0, c.pop(0, 1, 5, false), "nothing at most 5");
        assertArrayEquals(new long[] {10, 40}, c.loaded(0));
        assertEquals(20, loadedWith(10, 20, 30).pop(0, 4, 23, false), "4 pages under 23: threshold 20");
    }

    @Test
    void topOnlyPopRefusesAtOrAboveTheLimit() {
        CpuCaches c = loadedWith(10, 40);
        assertEquals(0, c.pop(0, 1, 40, true), "pfn == limit is refused");
        assertEquals(0, c.pop(0, 1, 30, true), "10 would fit but is not on top");
        assertEquals(40, c.pop(0, 1, 41, true));
        assertEquals(10, c.pop(0, 1, 11, true));
    }

    /**
     * A cached 4-page range at D-4 fits LIMIT D-1 (threshold D-4) but not LIMIT D-2 (threshold
     * D-5): that request goes to the tree, which gives D-8 under cached32 (D-4).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void popThresholdIsLimitPlusOneMinusSize(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 4, a.alloc(0, 4, SAC, true));
        a.free(0, D - 4, 4);
        assertEquals(D - 8, a.alloc(0, 4, D - 2, true));
        assertEquals(Outcome.TREE, a.lastOutcome());
        assertEquals(D - 4, a.alloc(0, 4, SAC, true));
        assertEquals(Outcome.CPU_HIT, a.lastOutcome());
    }

    /** v4.14 compares the top pfn with LIMIT only: [D-4, D-1] is handed out for LIMIT D-2. */
    @Test
    void v414PopIgnoresTheSize() {
        IovaAllocator a = allocator(Policy.LINUX_4_14);
        assertEquals(D - 4, a.alloc(0, 4, SAC, true));
        a.free(0, D - 4, 4);
        assertEquals(D - 4, a.alloc(0, 4, D - 2, true));
        assertEquals(Outcome.CPU_HIT, a.lastOutcome());
    }

    /**
     * v4.14 does not reuse a cached 1-page range at exactly LIMIT: the tree gives D-2 (below
     * cached32 = D-1). The later kernels' threshold D-1 takes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void onePageAtExactlyTheLimit(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        a.free(0, D - 1, 1);
        assertEquals(TestDomains.isLegacy(p) ? D - 2 : D - 1, a.alloc(0, 1, SAC, true));
    }

    /** LIMIT+1 < size wraps the threshold to a huge value: any cached pfn qualifies (the kernel's unsigned math). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void thresholdWrapsBelowTheSize(Policy p) {
        IovaAllocator a = allocator(p);
        a.alloc(0, 4, SAC, true);
        a.free(0, D - 4, 4);
        assertEquals(D - 4, a.alloc(0, 4, 1, true));
    }

    /**
     * loaded = [100, D-1, D-2, D-3]. LIMIT 500 takes 100 (index 0, found scanning down) and
     * moves D-3 into its slot: [D-3, D-1, D-2]. Later pops come in the order D-2, D-1, D-3.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void popReordersTheMagazine(Policy p) {
        IovaAllocator a = allocator(p);
        TestDomains.allocN(a, 3, 1, SAC);
        assertEquals(100, a.alloc(0, 1, 100, true));
        for (long pfn : new long[] {100, D - 1, D - 2, D - 3}) a.free(0, pfn, 1);
        assertEquals(100, a.alloc(0, 1, 500, true));
        assertArrayEquals(new long[] {D - 3, D - 1, D - 2}, loaded(a, 0, 0));
        assertEquals(D - 2, a.alloc(0, 1, SAC, true));
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        assertEquals(D - 3, a.alloc(0, 1, SAC, true));
    }

    /**
     * v4.14, loaded = [100, D-1, D-2, D-3]: LIMIT 500 sees only D-3 and misses; the tree then
     * starts under cached32 (D-3) with L = D-3 whatever the limit (§13) and gives D-4. LIMIT
     * D-3 refuses D-3 (pfn >= LIMIT): the tree gives D-5. LIMIT D-2 takes D-3.
     */
    @Test
    void v414PopLooksAtTheTopOnly() {
        IovaAllocator a = allocator(Policy.LINUX_4_14);
        assertEquals(100, a.alloc(0, 1, 100, true));
        TestDomains.allocN(a, 3, 1, SAC);
        for (long pfn : new long[] {100, D - 1, D - 2, D - 3}) a.free(0, pfn, 1);
        assertEquals(D - 4, a.alloc(0, 1, 500, true));
        assertEquals(4, loaded(a, 0, 0).length);
        assertEquals(D - 5, a.alloc(0, 1, D - 3, true));
        assertEquals(D - 3, a.alloc(0, 1, D - 2, true));
        assertArrayEquals(new long[] {100, D - 1, D - 2}, loaded(a, 0, 0));
    }

    /** M frees fill loaded; free M+1 exchanges with the empty prev. M = 128 (4.14, 4.15, mag128) or 127 (6.1, 6.7). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void presetMagazineCapacity(Policy p) {
        int m = p == Policy.LINUX_6_1 || p == Policy.LINUX_6_7 ? 127 : 128;
        IovaAllocator a = allocator(p);
        long[] pfns = TestDomains.allocN(a, m + 1, 1, SAC);
        for (int i = 0; i < m; i++) a.free(0, pfns[i], 1);
        assertEquals(m, loaded(a, 0, 0).length);
        assertEquals(0, prev(a, 0, 0).length);
        a.free(0, pfns[m], 1);
        assertArrayEquals(new long[] {pfns[m]}, loaded(a, 0, 0));
        assertEquals(m, prev(a, 0, 0).length);
    }

    /**
     * A flush that takes the magazines' arrays leaves them empty; the next pushes take new arrays
     * and never write the answer's; an empty magazine answers a run of 0 pfns and no array of its
     * own is left behind (it takes a new one at its next push, as the emptied ones do).
     */
    @Test
    void handOverGivesTheArraysAwayAndTheNextPushesTakeNewOnes() {
        CpuCaches c = new CpuCaches(3, SizeClass.CACHED_CLASSES);
        c.tryPush(0, 10);
        c.tryPush(0, 20);
        long[][][] given = new long[1][][];
        int[] counts = c.handOver((runs, n) -> {
            given[0] = runs;
            return n;
        });
        assertEquals(0, c.cachedPfns());
        assertEquals(2, counts[0]);
        assertEquals(0, counts[1]);
        assertNull(given[0][1], "the never-pushed prev hands over no array");
        long[][][] again = new long[1][][];
        c.handOver((runs, n) -> {
            again[0] = runs;
            return n;
        });
        assertNull(again[0][0], "a slot emptied by a hand-over has no array until its next push");
        for (long pfn = 30; pfn <= 50; pfn += 10) assertTrue(c.tryPush(0, pfn));
        assertArrayEquals(new long[] {30, 40, 50}, c.loaded(0), "full at its capacity, in a new array");
        assertArrayEquals(new long[] {10, 20, 0}, given[0][0], "the answer's array is untouched");
    }
}
