/**
 * JMH benchmark of {@code import}: a synthetic ftrace capture read and turned into trace lines.
 * See docs/import.md.
 *
 * <p>May import: {@code dev.iovasim.bench}, {@code dev.iovasim.capture}.
 */
package dev.iovasim.bench.capture;
