package dev.iovasim.allocator;

/**
 * Told, per operation, how many tree nodes it visited (the kernel's search steps): what a time
 * series turns into means and percentiles. Optional: without one, the allocator measures nothing.
 */
public interface TreeVisits {
    /** An alloc or map finished, having visited {@code nodes} (0 when the caches served it). */
    void alloc(long nodes);

    /** A free_iova_fast finished, having visited {@code nodes} (0 when it stayed in the caches). */
    void free(long nodes);
}
