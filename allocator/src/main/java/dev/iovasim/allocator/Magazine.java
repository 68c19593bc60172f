package dev.iovasim.allocator;

import java.util.Arrays;

/** iova_magazine: a stack of cached pfns of one size class. */
public final class Magazine {
    /** The array of a magazine that gave its own away ({@link #handOver}) and has had no push since. */
    private static final long[] GIVEN = new long[0];

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

    public boolean isFull() {
        return size == capacity;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long get(int i) {
        return pfns[i];
    }

    public void push(long pfn) {
        if (pfns == GIVEN) pfns = new long[capacity];
        pfns[size++] = pfn;
    }

    /**
     * Takes the newest entry whose pfn is at most {@code threshold} (unsigned), scanning down from
     * the top, and fills its slot with the top entry. Returns 0 (the kernel's "none") if no entry
     * qualifies.
     */
    public long popAtMost(long threshold) {
        int i = size - 1;
        while (Long.compareUnsigned(pfns[i], threshold) > 0) {
            if (i == 0) return 0;
            i--;
        }
        long pfn = pfns[i];
        pfns[i] = pfns[--size];
        return pfn;
    }

    /** The pre-4.15 pop: only the newest entry, refused if it is at or above {@code limit}. */
    public long popTopBelow(long limit) {
        long top = pfns[size - 1];
        if (Long.compareUnsigned(top, limit) >= 0) return 0;
        size--;
        return top;
    }

    /** The pfns in index order, for a flush or a message; the magazine is left as it is. */
    public long[] toArray() {
        return Arrays.copyOf(pfns, size);
    }

    /**
     * Copies the pfns, in index order, into {@code out} at {@code at} (one array copy) and
     * returns the index after them; the magazine is left as it is.
     */
    public int copyTo(long[] out, int at) {
        System.arraycopy(pfns, 0, out, at, size);
        return at + size;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Empties the magazine by giving away its array, whose first {@link #size} entries (read
     * before) are the pfns it held: the caller owns that array from now on, and this magazine
     * takes a new one at its next push. An actor's flush answers with the arrays themselves, so
     * nothing is copied while the flush waits and no later push can overwrite an answer.
     */
    public long[] handOver() {
        long[] given = pfns;
        pfns = GIVEN;
        size = 0;
        return given;
    }
}
