package dev.iovasim.allocator;

/**
 * Counters of one allocator run, per operation (an {@code alloc} or {@code map} is one
 * allocation whichever attempts it took): a vector indexed by {@link Counter}, plus the flush
 * queues' wait buckets and the per-size-class arrays. Plain arrays, no boxing: one owner updates
 * them on its hot path. {@link #toVector()} is the form they travel in between owners (actors,
 * JVMs); {@link #addVector} merges another owner's into these.
 */
public final class AllocStats {
    /** Index of the uncached sizes in the per-class arrays of a default (6-class) domain. */
    public static final int UNCACHED = SizeClass.CACHED_CLASSES;
    /** Buckets of {@link #fqWaitLog2}. */
    public static final int WAIT_BUCKETS = 64;

    private final long[] counts = new long[Counter.COUNT];
    /** Freed entries by wait: bucket {@code k} holds waits in [2^(k-1), 2^k) ns, bucket 0 waits of 0. */
    public final long[] fqWaitLog2 = new long[WAIT_BUCKETS];
    /** Per cached class, then one bucket for the uncached sizes ({@link #uncachedBucket}). */
    public final long[] classAllocs;
    public final long[] classHits;
    private final int cachedClasses;

    /** Counters of a domain with the kernel's 6 cached classes. */
    public AllocStats() {
        this(SizeClass.CACHED_CLASSES);
    }

    /** Counters of a domain that caches {@code cachedClasses} size classes (the rcache-classes switch). */
    public AllocStats(int cachedClasses) {
        this.cachedClasses = cachedClasses;
        classAllocs = new long[cachedClasses + 1];
        classHits = new long[cachedClasses + 1];
    }

    public long get(Counter c) {
        return counts[c.ordinal()];
    }

    public void inc(Counter c) {
        counts[c.ordinal()]++;
    }

    public void add(Counter c, long n) {
        counts[c.ordinal()] += n;
    }

    /** Raises a largest-value counter ({@link Counter.Merge#MAX}) to {@code v} if {@code v} is larger. */
    public void max(Counter c, long v) {
        if (v > counts[c.ordinal()]) counts[c.ordinal()] = v;
    }

    public void set(Counter c, long v) {
        counts[c.ordinal()] = v;
    }

    /** A copy of the counters, indexed by {@link Counter#ordinal()}. */
    public long[] counters() {
        return counts.clone();
    }

    /** The index of the uncached sizes in {@link #classAllocs} and {@link #classHits}. */
    public int uncachedBucket() {
        return cachedClasses;
    }

    public long rcacheHits() {
        return get(Counter.CPU_HITS) + get(Counter.DEPOT_HITS);
    }

    public long flushedUseless() {
        return get(Counter.FLUSHED_PFNS) - get(Counter.FLUSHED_USEFUL);
    }

    public double hitRate() {
        long allocs = get(Counter.ALLOCS);
        return allocs == 0 ? 0 : (double) rcacheHits() / allocs;
    }

    /**
     * Counts one finished allocation of the caller's {@code size} served by {@code outcome}
     * ({@link Outcome}); returns the outcome as reported, {@link Outcome#FAILED} when {@code pfn} is 0.
     */
    public int countAlloc(long size, long pfn, int outcome) {
        int reported = pfn == 0 ? Outcome.FAILED : outcome;
        counts[Counter.ALLOCS.ordinal()]++;
        int bucket = Math.min(SizeClass.of(SizeClass.round(size, cachedClasses)), cachedClasses);
        classAllocs[bucket]++;
        Counter by = switch (reported) {
            case Outcome.CPU_HIT -> Counter.CPU_HITS;
            case Outcome.DEPOT_HIT -> Counter.DEPOT_HITS;
            case Outcome.TREE -> Counter.TREE_ALLOCS;
            default -> Counter.FAILED;
        };
        counts[by.ordinal()]++;
        if (Outcome.isHit(reported)) classHits[bucket]++;
        return reported;
    }

    /** The length of {@link #toVector()} for a domain caching {@code cachedClasses} size classes. */
    public static int vectorLength(int cachedClasses) {
        return Counter.COUNT + WAIT_BUCKETS + 2 * (cachedClasses + 1);
    }

    /**
     * Everything counted, as one {@code long[]}: the counters in {@link Counter} order, the
     * {@link #fqWaitLog2} buckets, {@link #classAllocs}, then {@link #classHits}.
     */
    public long[] toVector() {
        int classes = cachedClasses + 1;
        long[] v = new long[vectorLength(cachedClasses)];
        System.arraycopy(counts, 0, v, 0, Counter.COUNT);
        System.arraycopy(fqWaitLog2, 0, v, Counter.COUNT, WAIT_BUCKETS);
        System.arraycopy(classAllocs, 0, v, Counter.COUNT + WAIT_BUCKETS, classes);
        System.arraycopy(classHits, 0, v, Counter.COUNT + WAIT_BUCKETS + classes, classes);
        return v;
    }

    /**
     * Merges another owner's {@link #toVector()} (of a domain with as many classes) into these:
     * counts add up, a {@link Counter.Merge#MAX} counter keeps the larger value.
     */
    public void addVector(long[] v) {
        if (v.length != vectorLength(cachedClasses)) {
            throw new IllegalArgumentException("a stats vector of " + v.length + " entries, expected "
                    + vectorLength(cachedClasses) + " (" + cachedClasses + " cached classes)");
        }
        mergeCounters(counts, v);
        int classes = cachedClasses + 1;
        for (int k = 0; k < WAIT_BUCKETS; k++) fqWaitLog2[k] += v[Counter.COUNT + k];
        for (int b = 0; b < classes; b++) {
            classAllocs[b] += v[Counter.COUNT + WAIT_BUCKETS + b];
            classHits[b] += v[Counter.COUNT + WAIT_BUCKETS + classes + b];
        }
    }

    /** Counters holding what {@code v} ({@link #toVector()} of any domain) holds. */
    public static AllocStats fromVector(long[] v) {
        int classes = (v.length - Counter.COUNT - WAIT_BUCKETS) / 2;
        if (classes < 1 || vectorLength(classes - 1) != v.length) {
            throw new IllegalArgumentException("not a stats vector: " + v.length + " entries");
        }
        AllocStats s = new AllocStats(classes - 1);
        s.addVector(v);
        return s;
    }

    /** {@code v} merged into {@code sum} as {@link #addVector} merges (both of the same length). */
    public static void addVectors(long[] sum, long[] v) {
        if (sum.length != v.length) {
            throw new IllegalArgumentException("stats vectors of " + sum.length + " and " + v.length + " entries");
        }
        mergeCounters(sum, v);
        for (int i = Counter.COUNT; i < sum.length; i++) sum[i] += v[i];
    }

    /** The counters of {@code from} merged into those of {@code into}: counts add up, maxima keep the larger. */
    private static void mergeCounters(long[] into, long[] from) {
        for (Counter c : Counter.all()) {
            int i = c.ordinal();
            into[i] = c.merge() == Counter.Merge.MAX ? Math.max(into[i], from[i]) : into[i] + from[i];
        }
    }
}
