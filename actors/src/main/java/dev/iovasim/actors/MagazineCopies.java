package dev.iovasim.actors;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.SizeClass;

/**
 * A CPU actor's magazines as pfns in the order a flush or unplug frees them (class 0..5, loaded
 * then prev, index order). A flush answers with the magazines' own arrays ({@link #handOver}):
 * it runs with caches made cold by the tree walk before it, and writing a fresh answer array and
 * copying the magazines into it was most of a flush's time on the CPU actors (docs/performance.md).
 * The survey, which leaves the magazines as they are, gets one exact copy ({@link #copy}).
 */
final class MagazineCopies {
    private MagazineCopies() {
    }

    /**
     * A flush's part of free_cpu_cached_iovas: every cached pfn as the magazines' own arrays, one
     * run per magazine ({@link CpuCaches#handOver}), and the magazines emptied. The answer owns the
     * arrays (each magazine takes a new one at its next push), so a late answer is never
     * overwritten by a later refill or flush.
     */
    static PfnRuns handOver(CpuCaches caches) {
        return caches.handOver(PfnRuns::handedOver);
    }

    /** The conservation survey: every cached pfn, the magazines left as they are. */
    static long[] copy(CpuCaches caches) {
        return caches.copy();
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

    /** flushbench's preload: fills every class's loaded then prev with the message's pfns; the answer says so. */
    static TreeBench.Preloaded preload(CpuCaches caches, CpuActor.Preload m) {
        caches.fill(m.pfns(), m.perMagazine());
        return new TreeBench.Preloaded();
    }
}
