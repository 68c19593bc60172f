package dev.iovasim.actors;

import java.util.concurrent.atomic.LongAdder;

/**
 * Workload operations started by this JVM's CPU actors, for a progress line. A plain adder,
 * not a message: the progress of a long run must not cost the run a message per operation.
 */
public final class RunProgress {
    private static final LongAdder OPS = new LongAdder();

    private RunProgress() {
    }

    static void started() {
        OPS.increment();
    }

    /** Operations started so far in this JVM (compare two readings). */
    public static long ops() {
        return OPS.sum();
    }
}
