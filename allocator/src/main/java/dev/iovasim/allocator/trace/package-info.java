/**
 * Traces (docs/trace-format.md): the streaming {@link dev.iovasim.allocator.trace.TraceReader},
 * the {@link dev.iovasim.allocator.trace.TraceWriter}, the {@link dev.iovasim.allocator.trace.Replay}
 * driver and {@link dev.iovasim.allocator.trace.OpTarget}, what an engine implements to be driven
 * one operation at a time; the comparison of a replay with a kernel's own output; and
 * {@link dev.iovasim.allocator.trace.Compression}, how every trace and output file is compressed.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.series}.
 */
package dev.iovasim.allocator.trace;
