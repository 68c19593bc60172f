/**
 * What {@code dma-map-benchmark} adds around the simulated benchmark
 * ({@link dev.iovasim.allocator.mapbench}): the thread-count sweep, its CSV and its chart, and
 * {@code --wall}, the benchmark's loop on the actor engine timed by the wall clock.
 */
package dev.iovasim.mapbench;
