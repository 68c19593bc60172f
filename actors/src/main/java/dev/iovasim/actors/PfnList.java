package dev.iovasim.actors;

import dev.iovasim.allocator.PfnSink;
import java.util.Arrays;

/** A growing list of pfns in a primitive array, to turn a walk over holdings into a message field. */
final class PfnList implements PfnSink {
    private long[] pfns = new long[64];
    private int size;

    @Override
    public void accept(long pfn) {
        if (size == pfns.length) pfns = Arrays.copyOf(pfns, size * 2);
        pfns[size++] = pfn;
    }

    long[] toArray() {
        return Arrays.copyOf(pfns, size);
    }
}
