package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.RcacheLadder.Step;
import org.junit.jupiter.api.Test;

/**
 * The step function alone, as an engine drives it: which step an owner beyond the CPU must take
 * next, and what each answer leads to. Follows iova_rcache_get / iova_rcache_insert and
 * alloc_iova_fast / free_iova_fast of v6.1 (magazine size 2 here so that the moves show).
 */
class RcacheLadderTest {
    private static final long LIMIT = 1 << 20;
    private final AllocStats stats = new AllocStats();
    private final RcacheLadder ladder = new RcacheLadder(Policy.LINUX_6_1.withMagazineSize(2), stats);

    @Test
    void emptyCachesAskTheDepotThenTheTreeWithTheCallersFlush() {
        assertEquals(Step.DEPOT_GET, ladder.alloc(3, LIMIT, false));
        assertEquals(2, ladder.sizeClass(), "3 pages round up to class 2 (4 pages)");
        assertEquals(Step.TREE_ALLOC, ladder.resumeDepotGet(null));
        assertEquals(4, ladder.rounded());
        assertFalse(ladder.flushOnFailure(), "v4.15+: alloc_iova_fast(flush=false) does not flush");
        assertEquals(Step.DONE, ladder.resumeTree(77));
        assertEquals(77, ladder.pfn());
        assertEquals(Outcome.TREE, ladder.outcome());
    }

    /** An engine may give the ladder its own caches (the actor engine's flush handler), empty and sized for the policy. */
    @Test
    void givenCachesMustFitThePolicyAndBeEmpty() {
        Policy p = Policy.LINUX_6_1.withMagazineSize(2);
        CpuCaches own = new CpuCaches(2, p.rcacheClasses());
        assertSame(own, new RcacheLadder(p, stats, own).caches());
        assertThrows(IllegalArgumentException.class, () -> new RcacheLadder(p, stats, new CpuCaches(3, p.rcacheClasses())));
        assertThrows(IllegalArgumentException.class, () -> new RcacheLadder(p, stats, new CpuCaches(2, p.rcacheClasses() - 1)));
        CpuCaches used = new CpuCaches(2, p.rcacheClasses());
        used.tryPush(0, 5);
        assertThrows(IllegalArgumentException.class, () -> new RcacheLadder(p, stats, used));
    }

    @Test
    void beforeTheFlushArgumentEveryTreeFailureFlushes() {
        RcacheLadder old = new RcacheLadder(Policy.LINUX_4_14, new AllocStats());
        assertEquals(Step.TREE_ALLOC, old.alloc(64, LIMIT, false), "64 pages are not cached");
        assertTrue(old.flushOnFailure(), "v4.14 alloc_iova_fast has no flush argument: a failure always flushes");
    }

    @Test
    void aFullPairHandsTheOldLoadedToTheDepotAndARefusedOneGoesToTheTree() {
        for (long pfn = 1; pfn <= 4; pfn++) assertEquals(Step.DONE, ladder.free(pfn, 1), "loaded, then prev by swap");
        assertEquals(Step.DEPOT_PUT, ladder.free(5, 1));
        Magazine outgoing = ladder.outgoing();
        assertArrayEquals(new long[] {3, 4}, outgoing.toArray(), "the full loaded after the swap");
        assertArrayEquals(new long[] {5}, ladder.caches().loaded(0), "5 starts a fresh loaded");
        assertEquals(Step.TREE_FREE_MAGAZINE, ladder.resumeDepotPut(false));
        assertEquals(Step.DONE, ladder.treeFreed());
        assertEquals(1, stats.get(Counter.DEPOT_OVERFLOWS));
        assertEquals(0, outgoing.size(), "a refused magazine is emptied and kept as the spare");
        assertEquals(5, stats.get(Counter.FREES));
        assertEquals(4, stats.get(Counter.FREES_TO_MAGAZINE));
    }

    @Test
    void aDepotMagazineServesTheAllocationAsADepotHit() {
        Magazine full = Magazine.of(2, new long[] {8, 9});
        assertEquals(Step.DEPOT_GET, ladder.alloc(1, LIMIT, true));
        assertEquals(Step.DONE, ladder.resumeDepotGet(full));
        assertEquals(9, ladder.pfn(), "the newest entry under the limit");
        assertEquals(Outcome.DEPOT_HIT, ladder.outcome());
        assertArrayEquals(new long[] {8}, ladder.caches().loaded(0), "the depot's magazine is loaded now");
        assertEquals(0, full.size(), "the depot's magazine object holds the old, empty loaded");
        assertEquals(1, stats.get(Counter.DEPOT_EXCHANGES));
    }

    @Test
    void uncachedFreesGoToTheTreeAndUnplugDrainsInFlushOrder() {
        assertEquals(Step.TREE_FREE, ladder.free(40, 64));
        assertEquals(40, ladder.pfn());
        ladder.free(1, 1);
        ladder.free(2, 2);
        assertArrayEquals(new long[] {1, 2}, ladder.unplug(), "class 0 before class 1");
        assertEquals(0, ladder.caches().cachedPfns());
        assertEquals(2, stats.get(Counter.UNPLUG_PFNS));
    }
}
