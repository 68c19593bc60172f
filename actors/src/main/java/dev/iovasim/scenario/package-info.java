/**
 * Named scenarios: each reproduces a published rcache incident (a mailing-list report with
 * figures) on the reference engine, with the kernel presets before and after the change that
 * answered it, and puts the published figure beside the simulated one.
 *
 * <p>{@link dev.iovasim.scenario.Catalogue} is the registry (one class per scenario, as a policy
 * registry lists its policies); the CLI's {@code scenario list}, its help and docs/scenarios.md
 * read it. A scenario returns {@link dev.iovasim.scenario.Figure}s; {@link
 * dev.iovasim.scenario.FigureTable} prints them with the before/after ratios and
 * {@link dev.iovasim.scenario.FigureJson} writes them as JSON. Simulated throughput is a proxy
 * ({@link dev.iovasim.scenario.CostProxy}, from the calibrated cost model), never IOPS.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.cost},
 * {@code dev.iovasim.allocator.engine}, {@code dev.iovasim.allocator.series},
 * {@code dev.iovasim.allocator.workload}, {@code dev.iovasim.sweep}.
 */
package dev.iovasim.scenario;
