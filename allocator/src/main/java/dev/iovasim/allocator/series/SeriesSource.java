package dev.iovasim.allocator.series;

/**
 * Where a {@link SeriesSampler} reads an engine's state: the reference engine's allocator
 * ({@link AllocatorSeries}) or the actor engine's actors, asked by messages at a quiescent point.
 * The sampler turns what either gives into rows by the one rule.
 */
public interface SeriesSource {
    /** Moves the engine's simulated clock to {@code nanos}, running every timer due by then. */
    void advanceClock(long nanos);

    /**
     * The engine's figures now. Its visit histograms cover the operations since the previous call
     * (the sampler resets them once read); they may leave out operations that visited no node,
     * which the sampler adds back from the allocation and free counters.
     */
    SeriesFigures figures();

    /** Sampling is over (the reference engine stops measuring visits). */
    default void close() {
    }
}
