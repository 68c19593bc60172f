package dev.iovasim.allocator.engine;

/**
 * Runs one policy over one workload and reports what happened. The reference engine is one;
 * the actor engine ({@code --engine actors}) is another, and reports the same keys.
 */
public interface Engine {
    /** The name {@code --engine} takes and the report's {@code engine} key. */
    String name();

    RunReport run(RunSpec spec, ProgressListener progress);
}
