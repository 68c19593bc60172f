/**
 * JMH benchmarks that time the allocator's own unit operations, the units of the cost model
 * ({@code dev.iovasim.allocator.cost}): one rbtree node visited by the kernel's walk, one
 * magazine push and pop, one hand-off of a lock between two threads. docs/cost-model.md compares
 * their ratios with the model's calibrated constants.
 *
 * <p>May import: {@code dev.iovasim.allocator}.
 */
package dev.iovasim.bench.cost;
