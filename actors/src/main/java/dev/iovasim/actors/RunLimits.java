package dev.iovasim.actors;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;

/**
 * What one generated-workload run may be, wherever it is asked for: {@code simulate}, each point
 * of a {@code sweep} (a sweep row is a simulate run) and a {@code node} run. The limits and the
 * checks between flags are here once, so that the commands cannot drift apart. A check throws
 * {@link IllegalArgumentException} whose message starts with the flag to change.
 */
public final class RunLimits {
    /** Simulated CPUs; larger domains cost memory per CPU (six classes of two magazines) and say nothing new. */
    public static final int MAX_CPUS = 4096;
    /** Operations per CPU. */
    public static final long MAX_OPS = 1_000_000_000L;
    /** JVMs of one run: the tree node and up to 32 cpu nodes. */
    public static final int MAX_NODES = 33;

    private RunLimits() {
    }

    /**
     * A run of {@code nodes} JVMs over {@code cpus} CPUs: each of its {@code nodes - 1} cpu nodes
     * hosts at least one CPU (a cpu node without one is a JVM with nothing to do).
     */
    public static void nodesFor(int nodes, int cpus) {
        if (nodes > 1 && cpus < nodes - 1) {
            throw new IllegalArgumentException("--nodes " + nodes + ": its " + (nodes - 1) + " cpu nodes need at least "
                    + (nodes - 1) + " CPUs (one each), got --cpus " + cpus);
        }
    }

    /** The fan-out shape {@code name} for a run of {@code nodes} JVMs: a shape that fans out to cpu nodes needs some. */
    public static FanOutShape fanout(String name, int nodes) {
        FanOutShape shape;
        try {
            shape = FanOutCatalogue.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fanout: " + e.getMessage(), e);
        }
        if (nodes == 1 && shape.needsCpuNodes()) {
            throw new IllegalArgumentException("--fanout " + name + ": needs --nodes 2 or more (one JVM has no cpu nodes to fan out to)");
        }
        return shape;
    }

    /**
     * Refuses a policy the actor engine (free-running or in lock-step, in one JVM or over nodes)
     * does not model: it has flush queues, IRQ CPUs, the clock's timers and time series, but only
     * the kernel's size classes.
     */
    public static void onActors(Policy p) {
        if (p.rcacheClasses() != SizeClass.CACHED_CLASSES) {
            throw new IllegalArgumentException("--set rcache-classes=" + p.rcacheClasses() + ": the actor engine caches the kernel's "
                    + SizeClass.CACHED_CLASSES + " size classes only; use --engine reference");
        }
    }
}
