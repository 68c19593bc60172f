/**
 * The reference engine and what every engine shares: the {@link dev.iovasim.allocator.engine.Engine}
 * interface, a run's {@link dev.iovasim.allocator.engine.RunSpec} and its flat
 * {@link dev.iovasim.allocator.engine.RunReport}, the work units, and the comparison table
 * {@code simulate} prints. {@link dev.iovasim.allocator.engine.ReferenceEngine} runs every CPU in
 * one thread on a seeded interleaving, on the simulated clock.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.series},
 * {@code dev.iovasim.allocator.trace}, {@code dev.iovasim.allocator.workload}.
 */
package dev.iovasim.allocator.engine;
