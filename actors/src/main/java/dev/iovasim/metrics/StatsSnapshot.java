package dev.iovasim.metrics;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.SizeClass;

/**
 * A copy of an allocator's plain counters at one moment, taken by the thread that owns them, so
 * the exporter can work on it from any thread. The tree and depot figures are present only
 * where the snapshot was taken from the owner of the tree ({@link #of(IovaAllocator)}).
 *
 * @param counters       the {@link AllocStats} counters, indexed by {@link Counter}
 * @param classAllocs    allocations per size class, the uncached sizes last
 * @param classHits      rcache hits per size class, the uncached sizes last (always 0)
 * @param treeNodes      ranges in the tree (reserved ranges and the anchor included), or
 *                       {@link #ABSENT}
 * @param depotMagazines full magazines in the depot per cached size class, or null
 */
public record StatsSnapshot(long[] counters, long[] classAllocs, long[] classHits, long treeNodes, int[] depotMagazines) {

    public static final long ABSENT = -1;
    /** Classes in {@link #classAllocs}: the cached ones and one bucket for the larger sizes. */
    public static final int CLASS_BUCKETS = SizeClass.CACHED_CLASSES + 1;
    /** Before the first publication: every counter at zero, no tree. */
    public static final StatsSnapshot ZERO = new StatsSnapshot(new long[Counter.COUNT], new long[CLASS_BUCKETS],
            new long[CLASS_BUCKETS], ABSENT, null);

    public StatsSnapshot {
        if (counters.length != Counter.COUNT) {
            throw new IllegalArgumentException("the counters must have " + Counter.COUNT + " entries");
        }
        if (classAllocs.length != CLASS_BUCKETS || classHits.length != CLASS_BUCKETS) {
            throw new IllegalArgumentException("size-class arrays must have " + CLASS_BUCKETS + " entries");
        }
        if (depotMagazines != null && depotMagazines.length != SizeClass.CACHED_CLASSES) {
            throw new IllegalArgumentException("depot sizes must have " + SizeClass.CACHED_CLASSES + " entries");
        }
        counters = counters.clone();
        classAllocs = classAllocs.clone();
        classHits = classHits.clone();
        depotMagazines = depotMagazines == null ? null : depotMagazines.clone();
    }

    /** The counters plus the tree size and depot occupancy. */
    public static StatsSnapshot of(IovaAllocator a) {
        int[] depot = new int[SizeClass.CACHED_CLASSES];
        for (int c = 0; c < depot.length; c++) depot[c] = a.depot(c).size();
        return of(a.stats(), a.domain().nodeCount(), depot);
    }

    /**
     * The counters plus the tree size ({@link #ABSENT} if unknown) and the depot's magazines per
     * class (null if unknown): the actor engine's tree owner, whose depot answers apart.
     */
    public static StatsSnapshot of(AllocStats s, long treeNodes, int[] depot) {
        return new StatsSnapshot(s.counters(), byLabel(s.classAllocs), byLabel(s.classHits), treeNodes, depot);
    }

    /**
     * Per-class figures by {@code size_class} label: the kernel's 6 classes as they are, and in
     * {@code uncached} every size above 32 pages, including the classes an rcache-classes switch
     * caches above the kernel's (the label set stays the kernel's whatever the domain).
     */
    private static long[] byLabel(long[] perClass) {
        long[] out = new long[CLASS_BUCKETS];
        for (int b = 0; b < perClass.length; b++) out[Math.min(b, CLASS_BUCKETS - 1)] += perClass[b];
        return out;
    }

    /** The value {@code c}'s Prometheus series shows ({@link Counter#exported}). */
    public long exported(Counter c) {
        return c.exported(counters);
    }

    @Override
    public long[] counters() {
        return counters.clone();
    }

    @Override
    public long[] classAllocs() {
        return classAllocs.clone();
    }

    @Override
    public long[] classHits() {
        return classHits.clone();
    }

    @Override
    public int[] depotMagazines() {
        return depotMagazines == null ? null : depotMagazines.clone();
    }
}
