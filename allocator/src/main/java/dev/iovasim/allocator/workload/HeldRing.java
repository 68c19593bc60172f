package dev.iovasim.allocator.workload;

/**
 * The mappings one CPU holds, oldest first, in a primitive array: a ring that gives up its oldest
 * entry (a device completing in order) or any entry (completion out of order) in constant time.
 * It grows when a CPU adopts more than it had room for, and never shrinks. An entry's pfn and size
 * sit side by side (slot {@code i} is {@code ring[2i]} and {@code ring[2i + 1]}): a free of a random
 * entry, on one of hundreds of CPUs, reads one cache line instead of one in each of two arrays.
 */
final class HeldRing {
    private long[] ring = new long[2 * 16];
    private int head;
    private int count;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void add(long pfn, long size) {
        if (2 * count == ring.length) grow();
        int i = 2 * ((head + count) & mask());
        ring[i] = pfn;
        ring[i + 1] = size;
        count++;
    }

    /** Turns the oldest mapping into a FREE. */
    void freeOldest(WorkOp op) {
        op.free(ring[2 * head], ring[2 * head + 1]);
        dropHead();
    }

    /** Turns the {@code k}-th oldest mapping into a FREE; the oldest takes its slot. */
    void freeAt(int k, WorkOp op) {
        int i = 2 * ((head + k) & mask());
        int h = 2 * head;
        op.free(ring[i], ring[i + 1]);
        ring[i] = ring[h];
        ring[i + 1] = ring[h + 1];
        dropHead();
    }

    void forEach(CpuWorkload.HeldSink sink) {
        for (int k = 0; k < count; k++) {
            int i = 2 * ((head + k) & mask());
            sink.held(ring[i], ring[i + 1]);
        }
    }

    /** Slots minus one (a power of two). */
    private int mask() {
        return (ring.length >> 1) - 1;
    }

    private void dropHead() {
        head = (head + 1) & mask();
        count--;
    }

    private void grow() {
        long[] r = new long[2 * ring.length];
        for (int k = 0; k < count; k++) {
            int i = 2 * ((head + k) & mask());
            r[2 * k] = ring[i];
            r[2 * k + 1] = ring[i + 1];
        }
        ring = r;
        head = 0;
    }
}
