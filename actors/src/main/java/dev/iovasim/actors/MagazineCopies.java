package dev.iovasim.actors;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.SizeClass;

/**
 * flushbench's magazines: the pfns a refill allocates for every CPU's magazines, and a CPU's
 * preload of them. (A flush's and a survey's copies of the magazines are {@link CpuCaches}'s own:
 * {@link FlushingCaches}.)
 */
final class MagazineCopies {
    private MagazineCopies() {
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
