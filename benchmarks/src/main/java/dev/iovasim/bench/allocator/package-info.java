/**
 * JMH benchmarks of the allocator on one thread, over the fixed operation tapes of
 * {@code dev.iovasim.allocator.bench}. See docs/performance.md.
 *
 * <p>May import: {@code dev.iovasim.bench}, {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.bench}.
 */
package dev.iovasim.bench.allocator;
