package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The {@code rcache-classes} switch follows John Garry's unmerged "iova: Allow rcache range upper
 * limit to be flexible" (v5, Feb 2022): alloc_iova_fast rounds below 2^(rcache_max_size-1) pages
 * and iova_rcache_insert / iova_rcache_get cache every order below rcache_max_size.
 */
class RcacheClassesTest {
    private static final long LIMIT = (1L << 36) - 1;

    private static IovaAllocator allocator(String policy) {
        return new IovaAllocator(Policy.byName(policy), DomainConfig.defaults().withCpus(2), true);
    }

    /** A 256-page range freed then asked for again: a tree allocation both times with 6 classes, a hit with 10. */
    @Test
    void tenClassesCacheA256PageRange() {
        for (String name : new String[] {"linux-6.1", "linux-6.1+rcache-classes=10"}) {
            IovaAllocator a = allocator(name);
            long pfn = a.alloc(0, 256, LIMIT, true);
            a.free(0, pfn, 256);
            long again = a.alloc(0, 256, LIMIT, true);
            boolean ten = a.policy().rcacheClasses() == 10;
            assertEquals(ten ? 1 : 0, a.stats().get(Counter.CPU_HITS), name);
            assertEquals(ten ? pfn : again, again, name);
            assertEquals(ten ? 0 : 1, a.stats().get(Counter.FREES_TO_TREE), name);
            // the report's per-class buckets: 256 pages is class 8 under 10 classes, "uncached" under 6
            assertEquals(2, a.stats().classAllocs[ten ? 8 : AllocStats.UNCACHED], name);
            assertEquals(ten ? 10 : 6, a.stats().uncachedBucket(), name);
        }
    }

    /** alloc_iova_fast's rounding moves with the class count: 100 pages become 128 under 10 classes only. */
    @Test
    void roundingFollowsTheClassCount() {
        assertEquals(100, SizeClass.round(100));
        assertEquals(128, SizeClass.round(100, 10));
        assertEquals(512, SizeClass.round(512, 10));
        assertEquals(600, SizeClass.round(600, 10));
        assertEquals(SizeClass.round(20), SizeClass.round(20, SizeClass.CACHED_CLASSES));
        assertTrue(SizeClass.cached(9, 10));
    }

    @Test
    void theSwitchNamesItselfAndRefusesBadCounts() {
        Policy p = Policy.byName("linux-6.1+rcache-classes=10");
        assertEquals("linux-6.1+rcache-classes=10", p.name());
        assertEquals(10, p.rcacheClasses());
        assertEquals(Policy.LINUX_6_1, PolicySwitches.apply(Policy.LINUX_6_1, "rcache-classes=6"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySwitches.apply(Policy.LINUX_6_1, "rcache-classes=17"));
        assertTrue(e.getMessage().contains("rcache-classes must be in 1..16"), e.getMessage());
    }
}
