/**
 * What the JMH benchmarks share: {@link dev.iovasim.bench.ThroughputBench}, their measurement
 * settings.
 *
 * <p>May import: nothing else of iovasim.
 */
package dev.iovasim.bench;
