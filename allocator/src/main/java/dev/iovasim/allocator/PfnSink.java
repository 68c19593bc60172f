package dev.iovasim.allocator;

/** Receives pfns one at a time, without boxing. */
@FunctionalInterface
public interface PfnSink {
    void accept(long pfn);
}
