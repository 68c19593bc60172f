package dev.iovasim.allocator.engine;

/** Told now and then how far a run has come (the CLI's progress line). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (spec, done, total) -> { };

    /**
     * @param done  operations done so far
     * @param total operations the run expects, or -1 if it cannot know (a trace)
     */
    void progress(RunSpec spec, long done, long total);
}
