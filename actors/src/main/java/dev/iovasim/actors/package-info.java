/**
 * The actor engine (Akka typed): a {@link dev.iovasim.actors.CpuActor} per simulated CPU owning
 * its magazines, the {@link dev.iovasim.actors.DepotActor}, the
 * {@link dev.iovasim.actors.TreeOwnerActor} owning the domain (being its only user makes it the tree
 * lock) and coordinating flushes; {@link dev.iovasim.actors.LocalMachine} holds them in one JVM,
 * {@link dev.iovasim.actors.FreeRun} drives a free-running run, {@link dev.iovasim.actors.ActorsEngine}
 * is {@code --engine actors} and {@link dev.iovasim.actors.ActorTarget} the replay target. Every
 * decision of the algorithm is a call into the allocator's classes.
 *
 * <p>May import: {@code dev.iovasim.allocator}, {@code dev.iovasim.allocator.engine},
 * {@code dev.iovasim.allocator.series}, {@code dev.iovasim.allocator.trace}, {@code dev.iovasim.allocator.workload}.
 */
package dev.iovasim.actors;
