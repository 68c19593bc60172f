package dev.iovasim.cluster;

/**
 * Where a node's share of each run's figures goes (the node's metrics): {@link #live} now and
 * then while the run goes, {@link #end} once with its final figures. Runs are numbered in the
 * order they start, so figures that come late can be told from the next run's.
 */
public interface RunFigures<T> {
    void live(String policy, long run, T figures);

    void end(String policy, long run, T figures);

    /**
     * Whether the figures handed over should keep each CPU's counters apart ({@code CpuFigures},
     * for per-CPU metrics), which costs a node nothing unless asked for.
     */
    default boolean eachCpu() {
        return false;
    }

    /** A node without metrics. */
    static <T> RunFigures<T> none() {
        return new RunFigures<>() {
            @Override
            public void live(String policy, long run, T figures) {
            }

            @Override
            public void end(String policy, long run, T figures) {
            }
        };
    }
}
