/**
 * Traces (docs/trace-format.md): the streaming {@link dev.iovasim.allocator.trace.TraceReader},
 * the {@link dev.iovasim.allocator.trace.TraceWriter}, the {@link dev.iovasim.allocator.trace.Replay}
 * driver and {@link dev.iovasim.allocator.trace.OpTarget}, what an engine implements to be driven
 * one operation at a time; and the comparison of a replay with a kernel's own output.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.series}.
 */
package dev.iovasim.allocator.trace;
