package dev.iovasim.actors;

import dev.iovasim.allocator.FlushQueue;
import dev.iovasim.allocator.PfnSink;
import java.util.Arrays;

/**
 * A growing list of pfns in a primitive array, to turn a walk over holdings into a message field;
 * as a flush queue's sink it keeps (pfn, pages) pairs, the form its messages carry them in.
 */
final class PfnList implements PfnSink, FlushQueue.Sink {
    private long[] pfns = new long[64];
    private int size;

    @Override
    public void accept(long pfn) {
        if (size == pfns.length) pfns = Arrays.copyOf(pfns, size * 2);
        pfns[size++] = pfn;
    }

    @Override
    public void free(int cpu, long pfn, long pages) {
        accept(pfn);
        accept(pages);
    }

    long[] toArray() {
        return Arrays.copyOf(pfns, size);
    }
}
