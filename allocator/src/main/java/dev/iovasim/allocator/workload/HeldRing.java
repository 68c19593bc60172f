package dev.iovasim.allocator.workload;

/**
 * The mappings one CPU holds, oldest first, in primitive arrays: a ring that gives up its oldest
 * entry (a device completing in order) or any entry (completion out of order) in constant time.
 * It grows when a CPU adopts more than it had room for, and never shrinks.
 */
final class HeldRing {
    private long[] pfns = new long[16];
    private long[] sizes = new long[16];
    private int head;
    private int count;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void add(long pfn, long size) {
        if (count == pfns.length) grow();
        int i = (head + count) & (pfns.length - 1);
        pfns[i] = pfn;
        sizes[i] = size;
        count++;
    }

    /** Turns the oldest mapping into a FREE. */
    void freeOldest(WorkOp op) {
        op.free(pfns[head], sizes[head]);
        dropHead();
    }

    /** Turns the {@code k}-th oldest mapping into a FREE; the oldest takes its slot. */
    void freeAt(int k, WorkOp op) {
        int mask = pfns.length - 1;
        int i = (head + k) & mask;
        op.free(pfns[i], sizes[i]);
        pfns[i] = pfns[head];
        sizes[i] = sizes[head];
        dropHead();
    }

    void forEach(CpuWorkload.HeldSink sink) {
        int mask = pfns.length - 1;
        for (int k = 0; k < count; k++) {
            int i = (head + k) & mask;
            sink.held(pfns[i], sizes[i]);
        }
    }

    private void dropHead() {
        head = (head + 1) & (pfns.length - 1);
        count--;
    }

    private void grow() {
        int n = pfns.length;
        long[] p = new long[n * 2];
        long[] s = new long[n * 2];
        for (int k = 0; k < count; k++) {
            p[k] = pfns[(head + k) & (n - 1)];
            s[k] = sizes[(head + k) & (n - 1)];
        }
        pfns = p;
        sizes = s;
        head = 0;
    }
}
