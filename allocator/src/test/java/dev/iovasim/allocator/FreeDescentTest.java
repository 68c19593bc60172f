package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.BIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * free_iova finds its node with private_find_iova: a descent from the root comparing the pfn with
 * each node's range. {@link IovaDomain#freeNodesVisited} counts the nodes that descent compares
 * (what the time series' free_nodes columns show), though the tree finds a range's first pfn
 * without descending; the allocation search steps ({@link IovaDomain#nodesVisited}) stay apart.
 */
class FreeDescentTest {

    /** The kernel's descent, step by step over the tree's links: how many nodes it compares. */
    private static int kernelDescent(IovaTree t, long pfn) {
        int steps = 0;
        for (int n = t.root(); n != IovaTree.NIL; ) {
            steps++;
            if (Long.compareUnsigned(pfn, t.lo(n)) < 0) n = t.left(n);
            else if (Long.compareUnsigned(pfn, t.hi(n)) > 0) n = t.right(n);
            else break;
        }
        return steps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void privateFindIovaStepsAreCountedPerFree(Policy p) {
        IovaDomain d = new IovaDomain(p.search(), true, 4096, 1);
        d.countFreeDescents(true);
        SplittableRandom r = new SplittableRandom(7);
        long[] pfns = new long[600];
        for (int i = 0; i < pfns.length; i++) pfns[i] = d.alloc(1 + r.nextInt(8), BIG);
        for (int i = pfns.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long x = pfns[i];
            pfns[i] = pfns[j];
            pfns[j] = x;
        }
        long searchSteps = d.nodesVisited();
        for (long pfn : pfns) {
            int expected = kernelDescent(d.tree(), pfn);
            long before = d.freeNodesVisited();
            assertTrue(d.free(pfn));
            assertEquals(expected, d.freeNodesVisited() - before, "free of " + pfn);
        }
        assertEquals(searchSteps, d.nodesVisited(), "frees add no search steps");
    }

    /** A pfn no node holds: the descent runs to a leaf and the kernel frees nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aFruitlessDescentIsCountedToo(Policy p) {
        IovaDomain d = new IovaDomain(p.search(), true, 4096, 1);
        d.countFreeDescents(true);
        for (int i = 0; i < 50; i++) d.alloc(2, BIG);
        long hole = d.alloc(1, BIG) - 1000;
        int expected = kernelDescent(d.tree(), hole);
        long before = d.freeNodesVisited();
        assertFalse(d.free(hole));
        assertEquals(expected, d.freeNodesVisited() - before);
        assertTrue(expected > 1);
    }

    /** Counted only when asked (a time series): otherwise a free walks nothing extra. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void notCountedUnlessAsked(Policy p) {
        IovaDomain d = new IovaDomain(p.search(), true, 4096, 1);
        long pfn = d.alloc(4, BIG);
        d.alloc(4, BIG);
        assertTrue(d.free(pfn));
        assertEquals(0, d.freeNodesVisited());
    }
}
