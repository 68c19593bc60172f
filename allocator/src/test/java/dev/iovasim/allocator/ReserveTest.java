package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.isLegacy;
import static dev.iovasim.allocator.TestDomains.treeRanges;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §11 reserve_iova: nodes grow downwards in place, overlaps are merged into what exists, the address-space bound. */
class ReserveTest {
    /** The anchor's text in {@link TestDomains#treeRanges}; 4.14 has none. */
    private static String anchor(Policy p) {
        return isLegacy(p) ? "" : "[18446744073709551615,18446744073709551615 r]";
    }

    /**
     * A = [D-64, D-1] is cached32. reserve [D-100, D-50] overlaps it and starts lower: A grows to
     * [D-100, D-1], keeps its identity (still cached32, nothing inserted). The next request
     * starts under A's new lo: D-101. Freeing A removes the widened node whole.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void growsANodeDownwardsKeepingItsIdentity(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));
        IovaTree t = a.domain().tree();
        int node = t.findContaining(D - 64);
        int nodes = a.domain().nodeCount();
        assertTrue(a.reserve(D - 100, D - 50));
        assertEquals(node, t.findContaining(D - 100));
        assertEquals(D - 100, t.lo(node));
        assertEquals(node, a.domain().cached32Node(), "the cached reference follows the node");
        assertEquals(nodes, a.domain().nodeCount());
        assertFalse(t.isReserved(node), "still the caller's range");
        assertEquals(D - 101, a.alloc(0, 1, SAC, true));
        a.free(0, D - 64, 64);
        assertEquals("[" + (D - 101) + "," + (D - 101) + "]" + anchor(p), treeRanges(a.domain()));
    }

    /**
     * [100,109] and [200,209] exist; reserve [50,300] lowers the first to 50, continues at 110,
     * lowers the second to 110, continues at 210 and inserts [210,300]. A reserve inside a node
     * inserts nothing; one that sticks out above continues after the node.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void mergesOverlapsIntoExistingNodes(Policy p) {
        IovaAllocator a = allocator(p);
        a.reserve(100, 109);
        a.reserve(200, 209);
        a.reserve(50, 300);
        assertEquals("[50,109 r][110,209 r][210,300 r]" + anchor(p), treeRanges(a.domain()));
        a.reserve(60, 70);
        assertEquals("[50,109 r][110,209 r][210,300 r]" + anchor(p), treeRanges(a.domain()));
        a.reserve(290, 320);
        assertEquals("[50,109 r][110,209 r][210,300 r][301,320 r]" + anchor(p), treeRanges(a.domain()));
    }

    /** With a 4 KiB granule pfns above 2^52-1 are beyond the address space: refused after 4.14, taken by 4.14. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void refusedBeyondTheAddressSpace(Policy p) {
        long max = (1L << 52) - 1;
        IovaAllocator a = allocator(p);
        assertTrue(a.reserve(max, max));
        int nodes = a.domain().nodeCount();
        boolean taken = a.reserve(5, max + 1);
        assertEquals(isLegacy(p), taken);
        assertEquals(nodes + (isLegacy(p) ? 1 : 0), a.domain().nodeCount());
    }

    /**
     * reserve does not move cached32: after [D-10, D-5] is reserved under cached32 = D-1, the
     * next requests go on from D-1: D-2, then a 4-page range that cannot sit on the reserved
     * node: (D-14) & ~3 = D-16.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void leavesTheCachedNodesAlone(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        int cached32 = a.domain().cached32Node();
        a.reserve(D - 10, D - 5);
        assertEquals(cached32, a.domain().cached32Node());
        assertEquals(D - 2, a.alloc(0, 1, SAC, true));
        assertEquals(D - 16, a.alloc(0, 4, SAC, true));
    }

    /** A reserved range is never handed out and no free removes it from the conservation's view. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void reservedRangesAreSkipped(Policy p) {
        IovaAllocator a = allocator(p);
        a.reserve(D - 32, SAC);
        assertEquals(D - 64, a.alloc(0, 32, SAC, true));
        assertTrue(Conservation.check(a, sink -> sink.accept(D - 64)).ok());
    }
}
