package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocN;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.loaded;
import static dev.iovasim.allocator.TestDomains.prev;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §4a and §6: which magazine a get uses (loaded, prev by exchange, or the depot's newest) and
 * what a free does when both magazines are full. Tiny magazines make the moves visible. Limits
 * are chosen so that 4.14's top-only pop decides the same way as the later scan.
 */
class RcacheTest {

    /**
     * M=2. Frees of D-1, D-2 fill loaded; D-3 exchanges: loaded=[D-3], prev=[D-1,D-2]. A get
     * takes D-3. The next get (LIMIT D-3) exchanges again and misses; the exchange stays and
     * the tree gives D-4 under cached32 (D-3).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void exchangeWithPrevSticksAfterAMiss(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(2));
        long[] x = allocN(a, 3, 1, SAC);
        for (long pfn : x) a.free(0, pfn, 1);
        assertArrayEquals(new long[] {D - 3}, loaded(a, 0, 0));
        assertArrayEquals(new long[] {D - 1, D - 2}, prev(a, 0, 0));
        assertEquals(D - 3, a.alloc(0, 1, SAC, true));
        assertEquals(D - 4, a.alloc(0, 1, D - 3, true));
        assertEquals(Outcome.TREE, a.lastOutcome());
        assertArrayEquals(new long[] {D - 1, D - 2}, loaded(a, 0, 0), "the exchange is not undone");
        assertArrayEquals(new long[] {}, prev(a, 0, 0));
    }

    /**
     * M=2, frees of D-1..D-5: the fifth finds both full, so loaded=[D-3,D-4] goes to the depot
     * and D-5 starts a fresh loaded. After three gets empty both magazines, a get under LIMIT
     * D-5 takes the depot's magazine, misses, and keeps it; the tree gives D-6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void depotMagazineSticksAfterAMiss(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(2));
        for (long pfn : allocN(a, 5, 1, SAC)) a.free(0, pfn, 1);
        assertArrayEquals(new long[] {D - 5}, loaded(a, 0, 0), "the new pfn goes into a fresh magazine");
        assertArrayEquals(new long[] {D - 1, D - 2}, prev(a, 0, 0));
        assertEquals(1, a.depot(0).size());
        assertArrayEquals(new long[] {D - 3, D - 4}, a.depot(0).get(0).toArray(), "the old loaded went to the depot");
        // LIMIT D, not D-1: 4.14 would refuse the cached D-1 at LIMIT D-1 (MagazineTest)
        assertEquals(D - 5, a.alloc(0, 1, D, true));
        assertEquals(D - 2, a.alloc(0, 1, D, true));
        assertEquals(D - 1, a.alloc(0, 1, D, true));
        assertEquals(D - 6, a.alloc(0, 1, D - 5, true));
        assertEquals(0, a.depot(0).size(), "the depot's magazine is not put back");
        assertArrayEquals(new long[] {D - 3, D - 4}, loaded(a, 0, 0));
        assertEquals(D - 4, a.alloc(0, 1, SAC, true));
        assertEquals(Outcome.CPU_HIT, a.lastOutcome(), "now an ordinary loaded hit");
    }

    /**
     * M=1: loaded=[D-1], prev=[D-3]. LIMIT D-2 does not fit D-1; prev (where D-3 would fit) is
     * not looked at, and the tree gives D-4.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void loadedWithoutAFitHidesPrev(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(1));
        allocN(a, 3, 1, SAC);
        a.free(0, D - 3, 1);
        a.free(0, D - 1, 1);
        assertEquals(D - 4, a.alloc(0, 1, D - 2, true));
        assertArrayEquals(new long[] {D - 1}, loaded(a, 0, 0));
        assertArrayEquals(new long[] {D - 3}, prev(a, 0, 0));
    }

    /**
     * M=2, seven frees on CPU 0 leave depot = [[D-3,D-4], [D-5,D-6]]. CPU 1, with empty
     * magazines, takes the newest depot magazine first: D-6, D-5, then the older one: D-4.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void depotIsLastInFirstOutForGets(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(2), 2, 1);
        for (long pfn : allocN(a, 7, 1, SAC)) a.free(0, pfn, 1);
        assertEquals(2, a.depot(0).size());
        assertEquals(D - 6, a.alloc(1, 1, SAC, true));
        assertEquals(Outcome.DEPOT_HIT, a.lastOutcome());
        assertEquals(D - 5, a.alloc(1, 1, SAC, true));
        assertEquals(Outcome.CPU_HIT, a.lastOutcome());
        assertEquals(D - 4, a.alloc(1, 1, SAC, true));
        assertEquals(Outcome.DEPOT_HIT, a.lastOutcome());
        assertEquals(2, a.stats().get(Counter.DEPOT_HITS));
    }

    /** Each CPU has its own magazines: a pfn freed on CPU 0 is not seen by CPU 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void magazinesArePerCpu(Policy p) {
        IovaAllocator a = allocator(p, 2, 1);
        allocN(a, 2, 1, SAC);
        a.free(0, D - 2, 1);
        assertEquals(D - 3, a.alloc(1, 1, SAC, true));
        assertEquals(D - 2, a.alloc(0, 1, SAC, true));
    }
}
