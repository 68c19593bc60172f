/**
 * The throughput proxy: a cost model that turns the work the allocator counts (tree nodes
 * visited, tree inserts and erases, magazine pushes and pops, depot exchanges, CPUs visited by a
 * flush) and the locks an operation takes into nanoseconds of a simulated kernel.
 *
 * <p>{@link dev.iovasim.allocator.cost.CostModel} holds the calibrated constants (read from
 * {@code cost-model.properties} beside it, the one place they live);
 * {@link dev.iovasim.allocator.cost.SimLock} is a spinlock on a simulated clock (waits and
 * hand-offs between CPUs); {@link dev.iovasim.allocator.cost.OpCost} prices one {@code map} or
 * {@code unmap} from the work it did. The figures are a proxy for kernel latency, not IOPS: see
 * docs/cost-model.md for the calibration and its uncertainty.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.engine}.
 */
package dev.iovasim.allocator.cost;
