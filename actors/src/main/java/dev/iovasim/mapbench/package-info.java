/**
 * What {@code dma-map-benchmark} adds around the simulated benchmark
 * ({@link dev.iovasim.allocator.mapbench}): the thread-count sweep, its CSV and its chart.
 */
package dev.iovasim.mapbench;
