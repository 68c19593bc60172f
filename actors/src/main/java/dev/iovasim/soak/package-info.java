/**
 * The cluster soak ({@code scripts/soak}): one cluster kept running run after run for minutes,
 * checking that the heap after a full collection stays flat, that every run's conservation survey
 * passes, and counting dead letters by type. See docs/cluster-notes.md, "Soak".
 *
 * <p>May import: {@code dev.iovasim.actors}, {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.engine},
 * {@code dev.iovasim.allocator.workload}, {@code dev.iovasim.cluster}.
 */
package dev.iovasim.soak;
