/**
 * The synthetic workloads and the trace workload: per-CPU streams of map, unmap, alloc and free.
 * {@link dev.iovasim.allocator.workload.WorkloadCatalogue} is the one list of named workloads that
 * {@code --workload}, its help text, the sweep, docs/simulate-notes.md and the tests read; a new
 * workload is one class and one entry there.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.trace}.
 */
package dev.iovasim.allocator.workload;
