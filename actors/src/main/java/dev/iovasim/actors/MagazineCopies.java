package dev.iovasim.actors;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.CpuRcache;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.SizeClass;

/**
 * A CPU actor's magazines as one pfn array, in the order a flush or unplug frees them (class
 * 0..5, loaded then prev, index order): the flush answer and the survey answer. One pass over
 * the 12 magazines for the sizes, one exact array, one {@code System.arraycopy} per magazine:
 * the flush runs with caches made cold by the tree walk before it, so it touches each magazine
 * once more only, with no per-element copies and no growing lists.
 */
final class MagazineCopies {
    private static final long[] NONE = new long[0];

    private MagazineCopies() {
    }

    /** flush / free_cpu_cached_iovas: every cached pfn, and the magazines emptied. */
    static long[] drain(CpuCaches caches) {
        long[] out = copy(caches);
        if (out.length == 0) return out;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            CpuRcache rc = caches.of(c);
            rc.loaded().clear();
            rc.prev().clear();
        }
        return out;
    }

    /** The conservation survey: every cached pfn, the magazines left as they are. */
    static long[] copy(CpuCaches caches) {
        int n = 0;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            CpuRcache rc = caches.of(c);
            n += rc.loaded().size() + rc.prev().size();
        }
        if (n == 0) return NONE;
        long[] out = new long[n];
        int k = 0;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            CpuRcache rc = caches.of(c);
            k = rc.loaded().copyTo(out, k);
            k = rc.prev().copyTo(out, k);
        }
        return out;
    }

    /** The pfns {@link #preload} takes: a fresh allocation under {@code limit} for each slot, class by class. */
    static long[] preloadPfns(IovaDomain domain, int perMagazine, long limit) {
        long[] pfns = new long[SizeClass.CACHED_CLASSES * 2 * perMagazine];
        int k = 0;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            for (int i = 0; i < 2 * perMagazine; i++) pfns[k++] = domain.alloc(SizeClass.pages(c), limit);
        }
        return pfns;
    }

    /** Fills every class's loaded then prev with {@code perMagazine} of {@code pfns} each (flushbench's preload). */
    static void preload(CpuCaches caches, long[] pfns, int perMagazine) {
        int k = 0;
        for (int c = 0; c < SizeClass.CACHED_CLASSES; c++) {
            Magazine loaded = caches.of(c).loaded();
            for (int i = 0; i < perMagazine; i++) loaded.push(pfns[k++]);
            Magazine prev = caches.of(c).prev();
            for (int i = 0; i < perMagazine; i++) prev.push(pfns[k++]);
        }
    }
}
