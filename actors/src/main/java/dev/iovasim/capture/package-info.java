/**
 * Kernel IOMMU trace captures into the project's trace format ({@code iovasim import}).
 *
 * <p>One {@link dev.iovasim.capture.CaptureReader} per input format turns capture text into
 * {@link dev.iovasim.capture.CaptureEvent}s; {@link dev.iovasim.capture.CaptureFormat} is the
 * catalogue of those readers (and auto-detection); {@link dev.iovasim.capture.Importer} turns the
 * events into trace lines, whatever format they came from, written by the trace module's writer. A
 * new input format (perf script, a BPF tool) is one new reader class and one catalogue entry.
 * {@link dev.iovasim.capture.Codecs} lends the trace module's {@code Compression} xz and zstd.
 *
 * <p>May import: {@code dev.iovasim.allocator.trace} (its line errors' base class, {@code Compression}, its
 * {@code TraceWriter}), {@code dev.iovasim.allocator} (the domain the header states).
 */
package dev.iovasim.capture;
