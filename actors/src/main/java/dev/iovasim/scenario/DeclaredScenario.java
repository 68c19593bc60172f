package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario as facts: its description and the run that reproduces it. Every scenario's size is
 * operations per CPU.
 *
 * @param kernels the kernel before the change, then the kernel after it
 * @param whatIf  the suggested {@code --set} override, or null ({@link Scenario#whatIf})
 * @param runner  how it runs: a {@link ProxyRecipe}, or a scenario's own run
 */
record DeclaredScenario(String name, String title, List<Source> sources, List<String> kernels, String whatIf,
                        long defaultSize, String scaling, Runner runner) implements Scenario {
    /** A scenario's run ({@link Scenario#run}), given the scenario it runs. */
    @FunctionalInterface
    interface Runner {
        ScenarioResult run(Scenario s, long size, Path out, List<String> whatIf, ProgressListener progress);
    }

    DeclaredScenario {
        if (kernels.size() != 2) throw new IllegalArgumentException(name + ": name the kernel before and the kernel after");
        sources = List.copyOf(sources);
        kernels = List.copyOf(kernels);
    }

    @Override
    public String sizeUnit() {
        return "operations per CPU";
    }

    @Override
    public ScenarioResult run(long size, Path out, List<String> whatIf, ProgressListener progress) {
        return runner.run(this, size, out, whatIf, progress);
    }
}
