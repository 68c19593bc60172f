package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocN;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.inTree;
import static dev.iovasim.allocator.TestDomains.loaded;
import static dev.iovasim.allocator.TestDomains.prev;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §6 and §13: the depot bound (32 magazines, overflow to the tree) before 6.7; 6.7's unbounded stack. */
class DepotTest {
    /**
     * M=2: frees of D-1..D-4 fill loaded and prev, and from then on every second free pushes a
     * full loaded to the depot: the free of D-67 pushes the 32nd ([D-65,D-66]). The free of
     * D-69 finds the depot full: loaded=[D-67,D-68] goes back to the tree (D-67 then D-68,
     * index order), D-69 starts a fresh loaded, prev keeps [D-1,D-2].
     */
    private static final int FREES = 69;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#boundedDepot")
    void overflowReturnsTheOldMagazineToTheTree(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(2));
        long[] x = allocN(a, FREES, 1, SAC);
        for (int i = 0; i < FREES - 1; i++) a.free(0, x[i], 1);
        assertEquals(Policy.ARRAY_DEPOT, a.depot(0).size());
        assertEquals(0, a.stats().get(Counter.DEPOT_OVERFLOWS));
        a.free(0, x[FREES - 1], 1);
        assertEquals(Policy.ARRAY_DEPOT, a.depot(0).size());
        assertEquals(1, a.stats().get(Counter.DEPOT_OVERFLOWS));
        assertFalse(inTree(a, D - 67));
        assertFalse(inTree(a, D - 68));
        assertEquals(D - 68, a.domain().lastFreedLo(), "index order: D-68 was removed last");
        assertArrayEquals(new long[] {D - 69}, loaded(a, 0, 0));
        assertArrayEquals(new long[] {D - 1, D - 2}, prev(a, 0, 0));
        assertArrayEquals(new long[] {D - 65, D - 66}, a.depot(0).get(31).toArray(), "the newest depot magazine");
        assertEquals(FREES - 2 + 1, a.domain().nodeCount() + (TestDomains.isLegacy(preset) ? 1 : 0));
        assertTrue(Conservation.check(a, sink -> { }).ok());
    }

    /** 6.7: the same frees push a 33rd magazine and nothing goes back to the tree. */
    @Test
    void v67DepotIsUnbounded() {
        IovaAllocator a = allocator(Policy.LINUX_6_7.withMagazineSize(2));
        for (long pfn : allocN(a, FREES, 1, SAC)) a.free(0, pfn, 1);
        assertEquals(33, a.depot(0).size());
        assertEquals(0, a.stats().get(Counter.DEPOT_OVERFLOWS));
        assertTrue(inTree(a, D - 67));
        assertEquals(FREES + 1, a.domain().nodeCount());
    }

    /** Without a clock move (a trace without clock lines) nothing trims; on the simulated clock 6.7 trims one magazine per 100 ms down to the CPU count. */
    @Test
    void v67TrimRunsOnlyOnTheClock() {
        IovaAllocator a = allocator(Policy.LINUX_6_7.withMagazineSize(2), 2, 1);
        for (long pfn : allocN(a, 11, 1, SAC)) a.free(0, pfn, 1);
        assertEquals(4, a.depot(0).size());
        a.advanceClock(99_000_000L);
        assertEquals(4, a.depot(0).size(), "not due before 100 ms");
        a.advanceClock(100_000_000L);
        assertEquals(3, a.depot(0).size());
        a.advanceClock(1_000_000_000L);
        assertEquals(2, a.depot(0).size(), "trimmed down to 2 CPUs and no further");
        assertArrayEquals(new long[] {D - 3, D - 4}, a.depot(0).get(0).toArray(), "the newest went first");
    }

    @Test
    void depotGivesNewestAndDrainsInPolicyOrder() {
        Magazine m1 = Magazine.of(1, new long[] {1});
        Magazine m2 = Magazine.of(1, new long[] {2});
        Depot array = new Depot(2, false);
        assertTrue(array.push(m1));
        assertTrue(array.push(m2));
        assertFalse(array.push(Magazine.of(1, new long[] {3})), "full at its limit");
        assertEquals(m1, array.drainOrder(0), "array depot drains oldest first");
        Depot list = new Depot(Policy.UNBOUNDED, true);
        list.push(m1);
        list.push(m2);
        assertEquals(m2, list.drainOrder(0), "6.7 list drains newest first");
        assertEquals(m2, list.pop());
        assertEquals(m1, list.pop());
        assertNull(list.pop());
    }
}
