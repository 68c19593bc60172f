package dev.iovasim.allocator;

import java.util.function.BiFunction;

/**
 * One CPU's share of every size class's rcache (iova_cpu_rcache: the {@code loaded} and
 * {@code prev} magazines of each cached class), kept flat: slot {@code 2c} is class c's loaded,
 * slot {@code 2c + 1} its prev, and a slot's pfns are the first {@code sizes[slot]} entries of
 * {@code pfns[slot]}. The kernel swaps magazine pointers; here a swap exchanges two slots' array
 * references and sizes, and a magazine to or from the depot ({@link Magazine}) exchanges its array
 * with a slot's, so no pfn is copied where the kernel moves a pointer. Flat because a flush visits
 * every CPU with caches made cold by the tree walk before it: reading a CPU's 12 magazines is two
 * small arrays here, against 19 objects (6 per-class holders, 12 magazines) before (docs/performance.md).
 * The reference engine keeps one per simulated CPU; a CPU actor owns exactly one, of a subclass
 * that is also its flush handler (so the handler's own cache line holds the slots: the actor
 * engine's {@code FlushingCaches}); a subclass adds nothing to the rcache's rules.
 */
public class CpuCaches {
    private static final long[] NONE = new long[0];

    private final int magazineSize;
    /** 2 per cached class: a field, so that a hand-over allocates the new arrays without reading the old ones' lengths. */
    private final int slots;
    /** A slot's array, or null until its first push (a flush answer may have taken the old one). */
    private long[][] pfns;
    private int[] sizes;

    /** A CPU's rcaches for {@code cachedClasses} size classes (the policy's rcache-classes). */
    public CpuCaches(int magazineSize, int cachedClasses) {
        this.magazineSize = magazineSize;
        this.slots = 2 * cachedClasses;
        this.pfns = new long[slots][];
        this.sizes = new int[slots];
    }

    /** The size classes this CPU caches. */
    public int classes() {
        return sizes.length / 2;
    }

    public int magazineSize() {
        return magazineSize;
    }

    // ------------------------------------------------------------ iova_rcache_get / iova_rcache_insert

    /**
     * The first step of a get for {@code sizeClass}: make loaded non-empty if this CPU can (swap
     * with a non-empty prev). False when both are empty and only the depot could help.
     */
    public boolean readyLoaded(int sizeClass) {
        int s = 2 * sizeClass;
        if (sizes[s] != 0) return true;
        if (sizes[s + 1] == 0) return false;
        swap(s);
        return true;
    }

    /** Loaded (empty) is replaced by the depot's {@code full} magazine; returns the magazine now holding the empty one. */
    public Magazine loadFromDepot(int sizeClass, Magazine full) {
        full.exchange(pfns, sizes, 2 * sizeClass);
        return full;
    }

    /**
     * The cheap half of an insert: append to loaded, or exchange with a non-full prev and append
     * there. False when both are full.
     */
    public boolean tryPush(int sizeClass, long pfn) {
        int s = 2 * sizeClass;
        if (sizes[s] == magazineSize) {
            if (sizes[s + 1] == magazineSize) return false;
            swap(s);
        }
        push(s, pfn);
        return true;
    }

    /**
     * Both magazines are full: the empty {@code fresh} becomes loaded and takes {@code pfn}; the
     * magazine returned holds the old full loaded, for the depot (or, if it refuses, the tree).
     */
    public Magazine pushIntoFresh(int sizeClass, Magazine fresh, long pfn) {
        int s = 2 * sizeClass;
        fresh.exchange(pfns, sizes, s);
        push(s, pfn);
        return fresh;
    }

    /**
     * Pops a pfn for a request of {@code size} pages under {@code limit} from loaded, which must
     * be non-empty. Returns 0 on a miss.
     */
    public long pop(int sizeClass, long size, long limit, boolean topOnly) {
        int s = 2 * sizeClass;
        return topOnly ? popTopBelow(s, limit) : popAtMost(s, limit + 1 - size);
    }

    /**
     * Takes the newest entry whose pfn is at most {@code threshold} (unsigned), scanning down from
     * the top, and fills its slot with the top entry; 0 (the kernel's "none") if none qualifies.
     */
    private long popAtMost(int s, long threshold) {
        long[] a = pfns[s];
        int top = sizes[s] - 1;
        int i = top;
        while (Long.compareUnsigned(a[i], threshold) > 0) {
            if (i == 0) return 0;
            i--;
        }
        long pfn = a[i];
        a[i] = a[top];
        sizes[s] = top;
        return pfn;
    }

    /** The pre-4.15 pop: only the newest entry, refused if it is at or above {@code limit}. */
    private long popTopBelow(int s, long limit) {
        int top = sizes[s] - 1;
        long pfn = pfns[s][top];
        if (Long.compareUnsigned(pfn, limit) >= 0) return 0;
        sizes[s] = top;
        return pfn;
    }

    private void push(int s, long pfn) {
        long[] a = pfns[s];
        if (a == null) a = pfns[s] = new long[magazineSize];
        a[sizes[s]++] = pfn;
    }

    private void swap(int s) {
        long[] a = pfns[s];
        pfns[s] = pfns[s + 1];
        pfns[s + 1] = a;
        int n = sizes[s];
        sizes[s] = sizes[s + 1];
        sizes[s + 1] = n;
    }

    // ------------------------------------------------------------ free_cpu_cached_iovas, surveys

    /** Every cached pfn in the order a flush or unplug frees them (class, loaded, prev, index); the magazines emptied. */
    public long[] drain() {
        long[] out = copy();
        java.util.Arrays.fill(sizes, 0);
        return out;
    }

    /** Like {@link #drain} but hands each pfn to {@code sink} without building an array. */
    public void drainTo(PfnSink sink) {
        for (int s = 0; s < sizes.length; s++) {
            long[] a = pfns[s];
            for (int i = 0, n = sizes[s]; i < n; i++) sink.accept(a[i]);
            sizes[s] = 0;
        }
    }

    /** Every cached pfn in {@link #drain}'s order, the magazines left as they are (one exact array). */
    public long[] copy() {
        int n = cachedPfns();
        if (n == 0) return NONE;
        long[] out = new long[n];
        int k = 0;
        for (int s = 0; s < sizes.length; s++) {
            System.arraycopy(pfns[s] == null ? NONE : pfns[s], 0, out, k, sizes[s]);
            k += sizes[s];
        }
        return out;
    }

    /**
     * A flush's part of free_cpu_cached_iovas without copying: {@code answer} gets the magazines'
     * own arrays (one per slot, in {@link #drain}'s order; null for a slot with no array since
     * the last hand-over, whose size is 0) and their sizes, and owns them from now on; the
     * magazines are empty, and each takes a new array at its next push, so nothing done here
     * later can overwrite an answer still travelling. Neither array is read here, not even its
     * length: an actor's flush runs with caches made cold by the tree walk, and reading the sizes
     * to keep the empty magazines' arrays was a dependent cache miss on every CPU of the flush
     * (docs/performance.md, "1024 CPUs in one JVM"); an empty magazine's array goes with the
     * answer and the slot takes a new one at its next push, as a handed-over full one does.
     */
    public <T> T handOver(BiFunction<long[][], int[], T> answer) {
        long[][] given = pfns;
        int[] counts = sizes;
        pfns = new long[slots][];
        sizes = new int[slots];
        return answer.apply(given, counts);
    }

    /** Fills every magazine in {@link #drain}'s order with {@code perMagazine} of {@code from} each (flushbench's preload). */
    public void fill(long[] from, int perMagazine) {
        if (perMagazine > magazineSize) throw new IllegalArgumentException(perMagazine + " pfns per magazine of " + magazineSize);
        int k = 0;
        for (int s = 0; s < sizes.length; s++) {
            for (int i = 0; i < perMagazine; i++) push(s, from[k++]);
        }
    }

    /** Class {@code sizeClass}'s loaded magazine's pfns in index order (a copy). */
    public long[] loaded(int sizeClass) {
        return slot(2 * sizeClass);
    }

    /** Class {@code sizeClass}'s prev magazine's pfns in index order (a copy). */
    public long[] prev(int sizeClass) {
        return slot(2 * sizeClass + 1);
    }

    private long[] slot(int s) {
        return sizes[s] == 0 ? NONE : java.util.Arrays.copyOf(pfns[s], sizes[s]);
    }

    public int cachedPfns(int sizeClass) {
        return sizes[2 * sizeClass] + sizes[2 * sizeClass + 1];
    }

    public int cachedPfns() {
        int n = 0;
        for (int size : sizes) n += size;
        return n;
    }
}
