/**
 * Operation tapes for the single-thread allocator benchmarks ({@code bin/iovasim bench} and the
 * JMH {@code AllocatorBench}): fixed, pre-generated sequences of allocations and frees, so a
 * benchmark times the allocator and not the generator.
 *
 * <p>May import: {@code dev.iovasim.allocator}.
 */
package dev.iovasim.allocator.bench;
