package dev.iovasim.allocator;

/** Size rounding, rcache classes and alignment, as {@code alloc_iova_fast} and the rbtree see them. */
public final class SizeClass {
    /** IOVA_RANGE_CACHE_MAX_SIZE: classes 0..5 (1..32 pages) are cached. */
    public static final int CACHED_CLASSES = 6;
    /**
     * The most classes the {@code rcache-classes} switch allows (John Garry's never-merged 2021-22
     * series "iommu: Allow IOVA rcache range be configured" made the count a per-domain value,
     * {@code rcache_max_size}); 16 caches ranges up to 32768 pages (128 MiB of 4 KiB pages).
     */
    public static final int MAX_CACHED_CLASSES = 16;

    private SizeClass() {
    }

    /** The size the allocation really takes: below 32 pages, the next power of two. */
    public static long round(long size) {
        return round(size, CACHED_CLASSES);
    }

    /**
     * As {@link #round} for a domain with {@code classes} cached classes: alloc_iova_fast rounds
     * below 2^(classes-1) pages, so that the top cached class still holds only its own sizes.
     */
    public static long round(long size, int classes) {
        return Long.compareUnsigned(size, 1L << (classes - 1)) < 0 ? ceilPow2(size) : size;
    }

    /** order_base_2: ceil(log2(size)); 0 for size 1. */
    public static int of(long size) {
        return size <= 1 && size >= 0 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
    }

    public static boolean cached(int sizeClass) {
        return sizeClass < CACHED_CLASSES;
    }

    /** Whether a domain with {@code classes} cached classes caches {@code sizeClass}. */
    public static boolean cached(int sizeClass, int classes) {
        return sizeClass < classes;
    }

    /** Pages in a class's ranges: 1, 2, 4 ... 32. */
    public static long pages(int sizeClass) {
        return 1L << sizeClass;
    }

    /** The alignment mask for a size-aligned range: all ones above bitlength(size-1). */
    public static long alignMask(long size) {
        int shift = 64 - Long.numberOfLeadingZeros(size - 1);
        return shift == 64 ? 0 : -1L << shift;
    }

    static long ceilPow2(long size) {
        return size <= 1 ? 1 : Long.highestOneBit(size - 1) << 1;
    }
}
