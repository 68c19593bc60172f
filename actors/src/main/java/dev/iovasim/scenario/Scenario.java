package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * A published rcache incident, reproduced: the kernels before and after the change that answered
 * it run the same seeded workload on the reference engine, and the result puts the simulated
 * figures beside the published ones. One class per scenario, listed in {@link Catalogue}.
 */
public interface Scenario {
    /** The name {@code scenario run} takes, e.g. {@code seed-2017-flush-storm}. */
    String name();

    /** One line: what happened. */
    String title();

    /** Where the published figures come from. */
    List<Source> sources();

    /** The kernels compared, the one before the change first, the one after it second. */
    List<String> kernels();

    /**
     * The what-if this scenario suggests: a {@code --set KEY=VALUE} override
     * ({@link dev.iovasim.allocator.PolicySwitches}) applied to the before kernel, or null when the
     * scenario compares something other than policies.
     */
    String whatIf();

    /** The size a plain {@code scenario run NAME} uses (its unit: {@link #sizeUnit}). */
    long defaultSize();

    /** What the size counts, e.g. {@code operations per CPU}. */
    String sizeUnit();

    /** How the real machine was scaled down to run in seconds, and why the mechanism survives it. */
    String scaling();

    /**
     * Runs every kernel at {@code size}, writes the time series (CSV per kernel) and its plot
     * (PNG) into {@code out} (created if missing) and returns the figures, before kernel first.
     * With {@code whatIf} overrides ({@code KEY=VALUE}, composed in order), a third kernel runs:
     * the before kernel with them. A bad override is an {@link IllegalArgumentException} naming it.
     */
    ScenarioResult run(long size, Path out, List<String> whatIf, ProgressListener progress);
}
