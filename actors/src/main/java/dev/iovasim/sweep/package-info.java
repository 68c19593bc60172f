/**
 * Scaling experiments ({@code bin/iovasim sweep}): the plan (a cross product of flags), a runner
 * per engine, results.csv and its schema, plan.txt and resume, the charts and report.md. It also
 * holds {@link dev.iovasim.sweep.EngineRegistry}, the one catalogue of engines that
 * {@code simulate}, {@code replay} and {@code sweep} read. See docs/sweep-notes.md.
 *
 * <p>May import: {@code dev.iovasim.actors}, {@code dev.iovasim.allocator},
 * {@code dev.iovasim.allocator.engine}, {@code dev.iovasim.allocator.workload},
 * {@code dev.iovasim.cluster}, {@code dev.iovasim.progress}.
 */
package dev.iovasim.sweep;
