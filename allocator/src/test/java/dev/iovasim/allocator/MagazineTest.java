package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.loaded;
import static dev.iovasim.allocator.TestDomains.prev;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §4b: the pop (threshold LIMIT+1-size, scan from the top, swap-with-last), 4.14's top-only pop, capacities. */
class MagazineTest {

    @Test
    void popScansFromTheTopAndFillsTheHoleWithTheLast() {
        Magazine m = Magazine.of(8, new long[] {10, 20, 30, 40});
        assertEquals(20, m.popAtMost(25));
        assertArrayEquals(new long[] {10, 40, 30}, m.toArray());
        assertEquals(30, m.popAtMost(100));
        assertEquals(0, m.popAtMost(5), "nothing at most 5");
        assertArrayEquals(new long[] {10, 40}, m.toArray());
    }

    @Test
    void topOnlyPopRefusesAtOrAboveTheLimit() {
        Magazine m = Magazine.of(8, new long[] {10, 40});
        assertEquals(0, m.popTopBelow(40), "pfn == limit is refused");
        assertEquals(0, m.popTopBelow(30), "10 would fit but is not on top");
        assertEquals(40, m.popTopBelow(41));
        assertEquals(10, m.popTopBelow(11));
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

    /** A magazine that gave its array away is empty, takes a new array at its next push, and never writes the old one. */
    @Test
    void handOverGivesTheArrayAwayAndTheNextPushTakesANewOne() {
        Magazine m = Magazine.of(3, new long[] {10, 20});
        long[] given = m.handOver();
        assertEquals(0, m.size());
        m.push(30);
        m.push(40);
        m.push(50);
        assertEquals(true, m.isFull(), "full at its capacity, whatever array it had");
        assertArrayEquals(new long[] {30, 40, 50}, m.toArray());
        assertEquals(10, given[0]);
        assertEquals(20, given[1]);
        assertEquals(3, given.length);
    }
}
