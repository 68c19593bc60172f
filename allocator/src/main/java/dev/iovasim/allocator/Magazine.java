package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * iova_magazine away from its CPU: a full magazine on its way to or in the depot, or a CPU's
 * spare. On a CPU the magazines live flat in {@link CpuCaches}, which exchanges its slots' arrays
 * with these ({@link #exchange}), as the kernel exchanges magazine pointers.
 */
public final class Magazine {
    /** Null until the first push when this magazine took a slot's array that had been given away. */
    private long[] pfns;
    private int size;
    private final int capacity;

    public Magazine(int capacity) {
        this.capacity = capacity;
        pfns = new long[capacity];
    }

    /** A magazine holding {@code pfns} (e.g. received as a message). */
    public static Magazine of(int capacity, long[] pfns) {
        if (pfns.length > capacity) throw new IllegalArgumentException("magazine over capacity");
        Magazine m = new Magazine(capacity);
        System.arraycopy(pfns, 0, m.pfns, 0, pfns.length);
        m.size = pfns.length;
        return m;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        return pfns[i];
    }

    /** The pfns in index order, for a flush or a message; the magazine is left as it is. */
    public long[] toArray() {
        return size == 0 ? new long[0] : Arrays.copyOf(pfns, size);
    }

    public void clear() {
        size = 0;
    }

    /** Exchanges this magazine's array and size with slot {@code s} of a CPU's flat magazines. */
    void exchange(long[][] slotPfns, int[] slotSizes, int s) {
        long[] a = pfns;
        pfns = slotPfns[s];
        slotPfns[s] = a;
        int n = size;
        size = slotSizes[s];
        slotSizes[s] = n;
    }
}
