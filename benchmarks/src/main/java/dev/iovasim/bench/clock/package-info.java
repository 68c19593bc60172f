/**
 * Benchmarks of the reference engine on the simulated clock: lazy invalidation, IRQ CPUs and the
 * time series, against a strict baseline measured in the same run.
 */
package dev.iovasim.bench.clock;
