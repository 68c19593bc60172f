package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.BIG;
import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §5/§7 max32_alloc_size (6.1+): set by any failure, reset only by a tree removal below D, checked when L <= D. */
class Max32Test {
    private static final long TOP = BIG + 1;

    /**
     * A 64-page request under limit 63 cannot fit above start_pfn 1 and fails: max32 = 64. A
     * later SAC request of 64 pages fails at once although [1, D) is empty, without visiting a
     * node; 32 pages still get a range.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void failureUnderALowLimitBlocksLargerSacRequests(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(0, a.alloc(0, 64, 63, false));
        assertEquals(64, a.domain().max32());
        long visited = a.domain().nodesVisited();
        assertEquals(0, a.alloc(0, 64, SAC, false));
        assertEquals(visited, a.domain().nodesVisited(), "the fast fail searches nothing");
        assertEquals(D - 32, a.alloc(0, 32, SAC, false));
    }

    /** LIMIT = D is L = D+1 > D: max32 is not consulted and the range [D-64, D-1] is found. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void notCheckedAbove32Bits(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(0, a.alloc(0, 64, 63, false));
        assertEquals(D - 64, a.alloc(0, 64, D, false));
    }

    /** A failure with a 64-bit limit sets max32 too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void setByAFailureAbove4GiB(Policy p) {
        IovaAllocator a = allocator(p);
        a.reserve(1, BIG);
        assertEquals(0, a.alloc(0, 8, BIG, false));
        assertEquals(8, a.domain().max32());
        long visited = a.domain().nodesVisited();
        assertEquals(0, a.alloc(0, 8, SAC, false));
        assertEquals(visited, a.domain().nodesVisited(), "size 8 >= max32: fast fail");
        assertEquals(0, a.alloc(0, 4, SAC, false));
        assertTrue(a.domain().nodesVisited() > visited, "size 4 < max32: searched");
    }

    /**
     * A = D-32 (32 pages) is allocated, a failure sets max32 = 64, A is freed into a magazine
     * (no tree removal: max32 stays), a range above 4 GiB is removed (lo >= D: stays). Only
     * cpudead, which removes A from the tree, resets max32 to D; the next SAC request of 64
     * pages then succeeds from the anchor.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void resetOnlyByATreeRemovalBelowD(Policy p) {
        IovaAllocator a = allocator(p);
        assertEquals(D - 32, a.alloc(0, 32, SAC, false));
        assertEquals(0, a.alloc(0, 64, 63, false));
        a.free(0, D - 32, 32);
        assertEquals(64, a.domain().max32(), "a free into a magazine does not reset max32");
        assertEquals(0, a.alloc(0, 64, SAC, false));
        assertEquals(TOP - 64, a.alloc(0, 64, BIG, false));
        a.free(0, TOP - 64, 64);
        assertEquals(64, a.domain().max32(), "a removal above D does not reset max32");
        assertEquals(0, a.alloc(0, 64, SAC, false));
        a.cpuDead(0);
        assertEquals(D, a.domain().max32());
        assertEquals(D - 64, a.alloc(0, 64, SAC, false));
    }

    /** A flush removes A from the tree, which resets max32, so the retry after the fast fail succeeds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void flushResetsMax32(Policy p) {
        IovaAllocator a = allocator(p);
        a.alloc(0, 32, SAC, false);
        a.alloc(0, 64, 63, false);
        a.free(0, D - 32, 32);
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));
        assertEquals(1, a.stats().get(Counter.FLUSHES));
        assertEquals(1, a.stats().get(Counter.FLUSHED_PFNS));
        assertEquals(D, a.domain().max32());
    }

    /** v4.15 has no max32: the same request searches and finds D-128 under A (D-32). */
    @Test
    void v415HasNoMax32() {
        IovaAllocator a = allocator(Policy.LINUX_4_15);
        assertEquals(D - 32, a.alloc(0, 32, SAC, false));
        assertEquals(0, a.alloc(0, 64, 63, false));
        a.free(0, D - 32, 32);
        assertEquals(D - 128, a.alloc(0, 64, SAC, false));
    }
}
