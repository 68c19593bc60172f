/**
 * Benchmarks of the reference engine on the simulated clock: lazy invalidation, IRQ CPUs and the
 * time series, against a strict baseline measured in the same run.
 *
 * <p>May import: {@code dev.iovasim.bench}, {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.engine},
 * {@code dev.iovasim.allocator.series}, {@code dev.iovasim.allocator.workload}.
 */
package dev.iovasim.bench.clock;
