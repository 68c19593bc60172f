package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.isLegacy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §5: top-down, size-aligned first fit under an inclusive limit; pass 1 goes down only; pass 2. */
class TreeSearchTest {

    /** Each new range goes right under the last one, at the top of the space. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void placesTopDownUnderTheLimit(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        assertEquals(D - 2, a.alloc(0, 1, SAC, true));
        // size 2 under D-2: (D-2-2) & ~1 = D-4, the pfn D-3 stays free (alignment)
        assertEquals(D - 4, a.alloc(0, 2, SAC, true));
        assertEquals(D - 8, a.alloc(0, 4, SAC, true));
    }

    /** LIMIT is the highest usable pfn: a range may end exactly on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void limitIsInclusive(Policy p) {
        assertEquals(1000, allocator(p).alloc(0, 1, 1000, true));
        assertEquals(1000, allocator(p).alloc(0, 4, 1003, true), "[1000, 1003] ends on the limit");
        assertEquals(996, allocator(p).alloc(0, 4, 1002, true), "[1000, 1003] would pass it; (1003-4) & ~3 = 996");
    }

    /**
     * start_pfn 1000: the first range takes pfn 1000 (the bottom) and becomes cached32. A SAC
     * request then searches below cached32 and finds nothing; only 6.1+'s second pass looks at
     * [1001, D) and finds D-1. v4.15 has no second pass and fails. v4.14 has no cached32 for a
     * limit other than D-1, so it starts at the highest node and finds D-1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void firstPassGoesDownOnlySecondPassSearchesAbove(Policy p) {
        IovaAllocator a = allocator(p, 1, 1000);
        assertEquals(1000, a.alloc(0, 1, 1000, false));
        long expected = p == Policy.LINUX_4_15 ? 0 : D - 1;
        assertEquals(expected, a.alloc(0, 1, SAC, false));
    }

    /**
     * When the cached node's hi reaches the limit (here the anchor, hi = 2^64-1) the second pass
     * is skipped. v5.19's wrapped bound (low = 0) would have returned S-1 = 15 here.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void secondPassSkippedWhenCachedNodeReachesTheLimit(Policy p) {
        IovaAllocator a = allocator(p, 1, 16);
        a.reserve(16, SAC);
        int nodes = a.domain().nodeCount();
        assertEquals(0, a.alloc(0, 1, SAC, false));
        assertEquals(nodes, a.domain().nodeCount(), "nothing inserted");
    }

    /**
     * 64-page ranges A=D-64, B=D-128, C=D-192; B freed (cached32 moves up to A, §7 rule 1). A
     * 128-page request walks down from A: (D-192) & ~127 = D-256 overlaps C, so it goes under
     * C: (D-320) & ~127 = D-384. The next 64-page request starts at that new cached32 and takes
     * D-448: B's hole above it is not revisited.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void firstFitSkipsTooSmallHolesAndNeverClimbs(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));
        assertEquals(D - 128, a.alloc(0, 64, SAC, true));
        assertEquals(D - 192, a.alloc(0, 64, SAC, true));
        a.free(0, D - 128, 64);
        assertEquals(D - 384, a.alloc(0, 128, SAC, true));
        assertEquals(D - 448, a.alloc(0, 64, SAC, true));
    }

    /** The range may take the very bottom pfn, start_pfn, and not one below. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void fillsDownToStartPfnExactly(Policy p) {
        IovaAllocator a = allocator(p, 1, D - 8);
        assertEquals(D - 4, a.alloc(0, 4, SAC, false));
        assertEquals(D - 8, a.alloc(0, 4, SAC, false));
        assertEquals(0, a.alloc(0, 1, SAC, false));
        assertEquals(isLegacy(p) ? 1 : 0, a.stats().get(Counter.FLUSHES), "only 4.14 flushes for noflush");
    }
}
