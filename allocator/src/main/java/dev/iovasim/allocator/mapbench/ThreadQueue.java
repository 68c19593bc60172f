package dev.iovasim.allocator.mapbench;

/**
 * The benchmark threads ordered by their simulated clocks (ties: the lower thread first), a
 * binary heap of thread ids over the caller's clock array. A thread's clock may change only while
 * it is out of the queue. Hand-written because a {@code PriorityQueue<Integer>} with a comparator
 * (boxing, a comparator call per step) doubled the benchmark's CPU time (256 threads, -s 2).
 */
final class ThreadQueue {
    private final long[] clock;
    private final int[] heap;
    private int size;

    ThreadQueue(long[] clock) {
        this.clock = clock;
        this.heap = new int[clock.length];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(int thread) {
        int i = size++;
        heap[i] = thread;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent])) break;
            swap(i, parent);
            i = parent;
        }
    }

    int poll() {
        int top = heap[0];
        heap[0] = heap[--size];
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) break;
            int m = l + 1 < size && before(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!before(heap[m], heap[i])) break;
            swap(i, m);
            i = m;
        }
        return top;
    }

    private boolean before(int a, int b) {
        return clock[a] < clock[b] || (clock[a] == clock[b] && a < b);
    }

    private void swap(int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
