/**
 * Prometheus metrics of either engine: the collectors of one node
 * ({@link dev.iovasim.metrics.IovasimMetrics}), the publisher that carries an owner's counter
 * snapshots and histograms into them off the hot path, and the {@code /metrics} HTTP server. See
 * docs/metrics-notes.md.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.trace}.
 */
package dev.iovasim.metrics;
