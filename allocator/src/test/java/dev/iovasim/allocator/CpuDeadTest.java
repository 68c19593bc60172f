package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocN;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.inTree;
import static dev.iovasim.allocator.TestDomains.loaded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §9 free_cpu_cached_iovas: the dead CPU's loaded then prev go to the tree; the depot and other CPUs stay. */
class CpuDeadTest {

    /**
     * M=1, CPU 0 frees D-1, D-2, D-3: loaded=[D-3], prev=[D-1], depot=[[D-2]]; CPU 1 frees D-4.
     * cpudead 0 removes D-3 then D-1. The depot's D-2 and CPU 1's D-4 stay allocated. CPU 0
     * stays usable: its next get takes the depot's magazine.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void freesLoadedThenPrevAndLeavesTheDepot(Policy preset) {
        IovaAllocator a = allocator(preset.withMagazineSize(1), 2, 1);
        long[] x = allocN(a, 4, 1, SAC);
        for (int i = 0; i < 3; i++) a.free(0, x[i], 1);
        a.free(1, x[3], 1);

        a.cpuDead(0);

        assertFalse(inTree(a, D - 3));
        assertFalse(inTree(a, D - 1));
        assertEquals(D - 1, a.domain().lastFreedLo(), "prev after loaded");
        assertTrue(inTree(a, D - 2));
        assertEquals(1, a.depot(0).size());
        assertArrayEquals(new long[] {D - 4}, loaded(a, 1, 0));
        assertEquals(2, a.stats().get(Counter.UNPLUG_PFNS));
        assertEquals(0, a.stats().get(Counter.FLUSHES));
        assertTrue(Conservation.check(a, sink -> { }).ok());
        assertEquals(D - 2, a.alloc(0, 1, SAC, true));
        assertEquals(Outcome.DEPOT_HIT, a.lastOutcome());
    }
}
