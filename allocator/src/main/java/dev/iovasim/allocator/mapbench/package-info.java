/**
 * The kernel's {@code dma_map_benchmark} (kernel/dma/map_benchmark.c and its user tool
 * tools/testing/selftests/dma/dma_map_benchmark.c) on the simulated allocator: each benchmark
 * thread is a simulated CPU that maps one buffer, waits the transmit delay and unmaps it, in a
 * loop, on its own simulated clock advanced by the {@link dev.iovasim.allocator.cost cost model}.
 * {@link dev.iovasim.allocator.mapbench.MapBenchmark} runs it; the result is averaged and printed
 * as the kernel does (100 ns units, integer arithmetic).
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.cost},
 * {@code dev.iovasim.allocator.engine}.
 */
package dev.iovasim.allocator.mapbench;
