package dev.iovasim.allocator;

/** Size rounding, rcache classes and alignment, as {@code alloc_iova_fast} and the rbtree see them. */
public final class SizeClass {
    /** IOVA_RANGE_CACHE_MAX_SIZE: classes 0..5 (1..32 pages) are cached. */
    public static final int CACHED_CLASSES = 6;
    /** Sizes below this are rounded up to a power of two before allocation. */
    public static final long ROUND_BELOW = 1L << (CACHED_CLASSES - 1);

    private SizeClass() {
    }

    /** The size the allocation really takes: below 32 pages, the next power of two. */
    public static long round(long size) {
        return Long.compareUnsigned(size, ROUND_BELOW) < 0 ? ceilPow2(size) : size;
    }

    /** order_base_2: ceil(log2(size)); 0 for size 1. */
    public static int of(long size) {
        return size <= 1 && size >= 0 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
    }

    public static boolean cached(int sizeClass) {
        return sizeClass < CACHED_CLASSES;
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
