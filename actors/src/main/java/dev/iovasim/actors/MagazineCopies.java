package dev.iovasim.actors;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.CpuRcache;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.SizeClass;

/**
 * A CPU actor's magazines as pfns in the order a flush or unplug frees them (class 0..5, loaded
 * then prev, index order). A flush answers with the magazines' own arrays ({@link #handOver}):
 * it runs with caches made cold by the tree walk before it, and writing a fresh answer array and
 * copying the magazines into it was most of a flush's time on the CPU actors (docs/performance.md).
 * The survey, which leaves the magazines as they are, gets one exact copy ({@link #copy}).
 */
final class MagazineCopies {
    private static final long[] NONE = new long[0];

    private MagazineCopies() {
    }

    /**
     * A flush's part of free_cpu_cached_iovas: every cached pfn as the magazines' own arrays, one
     * run per magazine, and the magazines emptied; an empty magazine keeps its array. The answer
     * owns the arrays (each magazine takes a new one at its next push), so a late answer is never
     * overwritten by a later refill or flush.
     */
    static PfnRuns handOver(CpuCaches caches) {
        int magazines = 2 * caches.classes();
        long[][] runs = new long[magazines][];
        int[] counts = new int[magazines];
        for (int c = 0; c < caches.classes(); c++) {
            CpuRcache rc = caches.of(c);
            give(rc.loaded(), runs, counts, 2 * c);
            give(rc.prev(), runs, counts, 2 * c + 1);
        }
        return new PfnRuns(runs, counts);
    }

    private static void give(Magazine m, long[][] runs, int[] counts, int i) {
        int n = m.size();
        counts[i] = n;
        runs[i] = n == 0 ? NONE : m.handOver();
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
