/**
 * Time series of one run on the simulated clock: one row per interval of simulated time with the
 * allocator's state (tree, caches, depot, flush queues) and its counters over the interval. The
 * columns are defined once, in {@link dev.iovasim.allocator.series.Column}; the reference engine
 * samples, and a {@link dev.iovasim.allocator.series.RowSink} (the CLI's CSV writer) stores the
 * rows.
 *
 * <p>May import: {@code dev.iovasim.allocator}.
 */
package dev.iovasim.allocator.series;
