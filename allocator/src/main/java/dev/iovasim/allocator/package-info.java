/**
 * The allocator core: the kernel's algorithm of drivers/iommu/iova.c and the DMA layer's use of it,
 * in plain Java. {@link dev.iovasim.allocator.IovaTree} and {@link dev.iovasim.allocator.IovaDomain}
 * (the rbtree, its cached nodes, max32), {@link dev.iovasim.allocator.Magazine},
 * {@link dev.iovasim.allocator.CpuCaches} (a CPU's loaded/prev per size class, flat), {@link dev.iovasim.allocator.Depot}, the rcache-to-tree path and
 * the flush in {@link dev.iovasim.allocator.IovaAllocator}, the flush queues, the DMA layer's SAC
 * attempt, and the kernel versions as {@link dev.iovasim.allocator.Policy} switches named by the
 * {@link dev.iovasim.allocator.Presets} catalogue. Nothing else in the project knows the algorithm.
 *
 * <p>May import: nothing else of iovasim (every other package builds on this one).
 */
package dev.iovasim.allocator;
