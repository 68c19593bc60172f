package dev.iovasim.allocator;

/**
 * One CPU's share of every size class's rcache: a {@link CpuRcache} per cached class. The
 * reference engine keeps one per simulated CPU; a CPU actor owns exactly one.
 */
public final class CpuCaches {
    private final CpuRcache[] classes;
    private final int magazineSize;

    public CpuCaches(int magazineSize) {
        this(magazineSize, SizeClass.CACHED_CLASSES);
    }

    /** A CPU's rcaches for {@code cachedClasses} size classes (the policy's rcache-classes). */
    public CpuCaches(int magazineSize, int cachedClasses) {
        this.classes = new CpuRcache[cachedClasses];
        this.magazineSize = magazineSize;
        for (int c = 0; c < classes.length; c++) classes[c] = new CpuRcache(magazineSize);
    }

    public CpuRcache of(int sizeClass) {
        return classes[sizeClass];
    }

    /** The size classes this CPU caches. */
    public int classes() {
        return classes.length;
    }

    public int magazineSize() {
        return magazineSize;
    }

    /**
     * Pops a pfn for a request of {@code size} pages under {@code limit} from the loaded
     * magazine, which must be non-empty. Returns 0 on a miss.
     */
    public long pop(int sizeClass, long size, long limit, boolean topOnly) {
        Magazine m = classes[sizeClass].loaded();
        return topOnly ? m.popTopBelow(limit) : m.popAtMost(limit + 1 - size);
    }

    /** Every cached pfn in the order a flush or unplug frees them: class, loaded, prev, index. */
    public long[] drain() {
        long[] out = new long[cachedPfns()];
        int k = 0;
        for (CpuRcache c : classes) {
            k = copyOut(c.loaded(), out, k);
            k = copyOut(c.prev(), out, k);
        }
        return out;
    }

    /** Like {@link #drain} but hands each pfn to {@code sink} without building an array. */
    public void drainTo(PfnSink sink) {
        for (CpuRcache c : classes) {
            emit(c.loaded(), sink);
            emit(c.prev(), sink);
        }
    }

    public int cachedPfns() {
        int n = 0;
        for (CpuRcache c : classes) n += c.cachedPfns();
        return n;
    }

    private static int copyOut(Magazine m, long[] out, int k) {
        for (int i = 0; i < m.size(); i++) out[k++] = m.get(i);
        m.clear();
        return k;
    }

    private static void emit(Magazine m, PfnSink sink) {
        for (int i = 0; i < m.size(); i++) sink.accept(m.get(i));
        m.clear();
    }
}
