/**
 * What {@code dma-map-benchmark} adds around the simulated benchmark
 * ({@link dev.iovasim.allocator.mapbench}): the thread-count sweep, its CSV and its chart, and
 * {@code --wall}, the benchmark's loop on the actor engine timed by the wall clock.
 *
 * <p>May import: {@code dev.iovasim.actors}, {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.cost},
 * {@code dev.iovasim.allocator.mapbench}, {@code dev.iovasim.progress}, {@code dev.iovasim.sweep}.
 */
package dev.iovasim.mapbench;
