package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.BIG;
import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.cached32Lo;
import static dev.iovasim.allocator.TestDomains.cachedLo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §5 and §7 for 4.15 and later: the new node becomes cached32 or cached by where it lies; a
 * removal moves cached32 (rule 1) and cached (rule 3) to the removed node's successor.
 * 64-page ranges are used to remove nodes: they bypass the rcache.
 */
class CachedNodeTest {
    private static final long ANCHOR = -1L;
    private static final long TOP = BIG + 1;

    /** A 64-bit-limit request that lands below D (the rest is reserved) sets cached32, not cached. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void insertUpdatesByWhereTheRangeLies(Policy p) {
        IovaAllocator a = allocator(p);
        a.reserve(D, BIG);
        assertEquals(D - 1, a.alloc(0, 1, BIG, true));
        assertEquals(D - 1, cached32Lo(a.domain()));
        assertEquals(ANCHOR, cachedLo(a.domain()));

        IovaAllocator b = allocator(p);
        assertEquals(BIG, b.alloc(0, 1, BIG, true));
        assertEquals(BIG, cachedLo(b.domain()));
        assertEquals(ANCHOR, cached32Lo(b.domain()));
    }

    /**
     * A=D-64, B=D-128, C=D-192, E=D-256 (cached32 = E). Freeing B (above cached32, below D)
     * moves cached32 to B's successor A; freeing E (below cached32) leaves it. The next request
     * starts at A and refills B's slot; without rule 1 it would start at C and take D-256.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void removalAtOrAboveCached32MovesItToTheSuccessor(Policy p) {
        IovaAllocator a = allocator(p);
        TestDomains.allocN(a, 4, 64, SAC);
        assertEquals(D - 256, cached32Lo(a.domain()));
        a.free(0, D - 128, 64);
        assertEquals(D - 64, cached32Lo(a.domain()));
        a.free(0, D - 256, 64);
        assertEquals(D - 64, cached32Lo(a.domain()), "a removal below cached32 leaves it");
        assertEquals(D - 128, a.alloc(0, 64, SAC, true));
    }

    /**
     * Freeing cached32 when it is the highest 32-bit node moves it to the next node, which lies
     * above 4 GiB (X). A 32-bit search from X starts with high = L = D. Freeing X then moves
     * cached32 (rule 1: X is cached32) and cached (rule 3) to the anchor.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void cached32CanMoveAboveFourGiB(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));
        assertEquals(TOP - 64, a.alloc(0, 64, BIG, true));
        a.free(0, D - 64, 64);
        assertEquals(TOP - 64, cached32Lo(a.domain()));
        assertEquals(TOP - 64, cachedLo(a.domain()));
        a.free(0, TOP - 64, 64);
        assertEquals(ANCHOR, cached32Lo(a.domain()));
        assertEquals(ANCHOR, cachedLo(a.domain()));
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
    }

    /** With cached32 on X above 4 GiB, a 32-bit request gets the top of the 32-bit space. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void searchFromNodeAbove4GiBStartsAtTheLimit(Policy p) {
        IovaAllocator a = allocator(p);
        a.alloc(0, 64, SAC, true);
        a.alloc(0, 64, BIG, true);
        a.free(0, D - 64, 64);
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
    }

    /**
     * X1=TOP-64, X2=TOP-128, X3=TOP-192 (cached = X3). Freeing X2 moves cached to X1 (rule 3);
     * freeing X3, below cached, leaves it. The next request refills X2's slot.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void removalAtOrAboveCachedMovesItToTheSuccessor(Policy p) {
        IovaAllocator a = allocator(p);
        TestDomains.allocN(a, 3, 64, BIG);
        assertEquals(TOP - 192, cachedLo(a.domain()));
        a.free(0, TOP - 128, 64);
        assertEquals(TOP - 64, cachedLo(a.domain()));
        a.free(0, TOP - 192, 64);
        assertEquals(TOP - 64, cachedLo(a.domain()));
        assertEquals(TOP - 128, a.alloc(0, 64, BIG, true));
    }

    /** A 32-bit removal does not move cached (rule 3 compares with cached's lo, above 4 GiB). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#cachedNodes")
    void removalBelowCachedLeavesIt(Policy p) {
        IovaAllocator a = allocator(p);
        a.alloc(0, 64, BIG, true);
        a.alloc(0, 64, SAC, true);
        a.free(0, D - 64, 64);
        assertEquals(TOP - 64, cachedLo(a.domain()));
        assertEquals(TOP - 128, a.alloc(0, 64, BIG, true));
    }
}
