package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * A published rcache incident, reproduced: the kernels before and after the change that answered
 * it run the same seeded workload on the reference engine, and the result puts the simulated
 * figures beside the published ones. One class per scenario states these facts, listed in
 * {@link Catalogue}. Every scenario's size is operations per CPU.
 *
 * @param name        the name {@code scenario run} takes, e.g. {@code seed-2017-flush-storm}
 * @param title       one line: what happened
 * @param sources     where the published figures come from
 * @param kernels     the kernels compared, the one before the change first, the one after it second
 * @param whatIf      the what-if this scenario suggests: a {@code --set KEY=VALUE} override
 *                    ({@link dev.iovasim.allocator.PolicySwitches}) applied to the before kernel, or
 *                    null when the scenario compares something other than policies
 * @param defaultSize the size a plain {@code scenario run NAME} uses (its unit: {@link #sizeUnit})
 * @param scaling     how the real machine was scaled down to run in seconds, and why the mechanism survives it
 * @param runner      how it runs: a {@link ProxyRecipe}, or a scenario's own run
 */
public record Scenario(String name, String title, List<Source> sources, List<String> kernels, String whatIf,
                       long defaultSize, String scaling, Runner runner) {
    /** A scenario's run ({@link Scenario#run}), given the scenario it runs. */
    @FunctionalInterface
    interface Runner {
        ScenarioResult run(Scenario s, long size, Path out, List<String> whatIf, ProgressListener progress);
    }

    public Scenario {
        if (kernels.size() != 2) throw new IllegalArgumentException(name + ": name the kernel before and the kernel after");
    }

    /** What the size counts. */
    public String sizeUnit() {
        return "operations per CPU";
    }

    /**
     * Runs every kernel at {@code size}, writes the time series (CSV per kernel) and its plot
     * (PNG) into {@code out} (created if missing) and returns the figures, before kernel first.
     * With {@code whatIf} overrides ({@code KEY=VALUE}, composed in order), a third kernel runs:
     * the before kernel with them. A bad override is an {@link IllegalArgumentException} naming it.
     */
    public ScenarioResult run(long size, Path out, List<String> whatIf, ProgressListener progress) {
        return runner.run(this, size, out, whatIf, progress);
    }
}
