package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.inTree;
import static dev.iovasim.allocator.TestDomains.nodeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** §2: rounding below 32 only, classes by ceil(log2), alignment to the next power of two, the bypass above 32. */
class SizeClassTest {

    @ParameterizedTest(name = "size {0} rounds to {1}")
    @CsvSource({"1,1", "2,2", "3,4", "5,8", "9,16", "17,32", "31,32", "32,32", "33,33", "63,63", "64,64", "100,100"})
    void roundsOnlyBelow32(long size, long rounded) {
        assertEquals(rounded, SizeClass.round(size));
    }

    @ParameterizedTest(name = "size {0} is class {1}")
    @CsvSource({"1,0", "2,1", "3,2", "4,2", "5,3", "8,3", "9,4", "16,4", "17,5", "32,5", "33,6", "63,6", "64,6", "65,7"})
    void classIsCeilLog2(long size, int cls) {
        assertEquals(cls, SizeClass.of(size));
    }

    @Test
    void classesAbove5AreNotCached() {
        assertTrue(SizeClass.cached(5));
        assertFalse(SizeClass.cached(6));
    }

    @Test
    void alignmentIsNextPowerOfTwo() {
        assertEquals(-1L, SizeClass.alignMask(1), "size 1 has no alignment");
        assertEquals(~1L, SizeClass.alignMask(2));
        assertEquals(~63L, SizeClass.alignMask(33));
        assertEquals(~63L, SizeClass.alignMask(64));
        assertEquals(~127L, SizeClass.alignMask(65));
    }

    /**
     * On an empty domain the first range sits at the top of [S, D). Size 3 takes 4 pages, 17
     * takes 32, 33 takes 33 pages at a 64-aligned start ((D-33) & ~63 = D-64), 100 takes 100
     * pages at a 128-aligned start.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void treeRangeIsRoundedSizeAtAlignedStart(Policy p) {
        long[][] cases = {{3, D - 4, D - 1}, {17, D - 32, D - 1}, {33, D - 64, D - 32}, {63, D - 64, D - 2},
                {100, D - 128, D - 29}};
        for (long[] c : cases) {
            IovaAllocator a = allocator(p);
            assertEquals(c[1], a.alloc(0, c[0], SAC, true), "pfn of size " + c[0]);
            assertArrayEquals(new long[] {c[1], c[2]}, nodeOf(a, c[1]), "tree range of size " + c[0]);
        }
    }

    /** Sizes 33..63 (class 6) go back to the tree on free and never come from a magazine. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void sizesAbove32BypassTheRcache(Policy p) {
        for (long size : new long[] {33, 48, 63, 64, 300}) {
            IovaAllocator a = allocator(p);
            long pfn = a.alloc(0, size, SAC, true);
            a.free(0, pfn, size);
            assertFalse(inTree(a, pfn), "size " + size + " is freed to the tree");
            assertEquals(0, a.caches(0).cachedPfns(), "no magazine holds size " + size);
            assertEquals(pfn, a.alloc(0, size, SAC, true), "the same slot again, from the tree");
            assertEquals(Outcome.TREE, a.lastOutcome());
            assertEquals(0, a.stats().rcacheHits());
        }
    }

    /** Size 32 (and 17, rounded to 32) is still cached: class 5. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void size32IsCached(Policy p) {
        IovaAllocator a = allocator(p);
        long pfn = a.alloc(0, 32, SAC, true);
        a.free(0, pfn, 32);
        assertTrue(inTree(a, pfn), "a cached range stays allocated in the tree");
        assertArrayEquals(new long[] {pfn}, TestDomains.loaded(a, 0, 5));
        assertEquals(pfn, a.alloc(0, 17, SAC, true), "17 rounds to 32 and hits the class-5 magazine");
        assertEquals(Outcome.CPU_HIT, a.lastOutcome());
    }

    /** A free uses the caller's unrounded size; its class is the rounded size's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void freeClassFromUnroundedSize(Policy p) {
        IovaAllocator a = allocator(p);
        long pfn = a.alloc(0, 3, SAC, true);
        a.free(0, pfn, 3);
        assertArrayEquals(new long[] {pfn}, TestDomains.loaded(a, 0, 2));
        assertEquals(pfn, a.alloc(0, 4, SAC, true));
        assertEquals(Outcome.CPU_HIT, a.lastOutcome());
    }
}
