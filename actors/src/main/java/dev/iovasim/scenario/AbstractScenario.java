package dev.iovasim.scenario;

import java.util.List;

/**
 * A scenario's description, given once to the constructor; subclasses add only {@link #run}.
 * Every scenario's size is operations per CPU.
 */
abstract class AbstractScenario implements Scenario {
    private final String name;
    private final String title;
    private final List<Source> sources;
    private final List<String> kernels;
    private final String whatIf;
    private final long defaultSize;
    private final String scaling;

    /**
     * @param kernels the kernel before the change, then the kernel after it
     * @param whatIf  the suggested {@code --set} override, or null ({@link Scenario#whatIf})
     */
    AbstractScenario(String name, String title, List<Source> sources, List<String> kernels, String whatIf,
                     long defaultSize, String scaling) {
        if (kernels.size() != 2) throw new IllegalArgumentException(name + ": name the kernel before and the kernel after");
        this.name = name;
        this.title = title;
        this.sources = List.copyOf(sources);
        this.kernels = List.copyOf(kernels);
        this.whatIf = whatIf;
        this.defaultSize = defaultSize;
        this.scaling = scaling;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final List<Source> sources() {
        return sources;
    }

    @Override
    public final List<String> kernels() {
        return kernels;
    }

    @Override
    public final String whatIf() {
        return whatIf;
    }

    @Override
    public final long defaultSize() {
        return defaultSize;
    }

    @Override
    public final String sizeUnit() {
        return "operations per CPU";
    }

    @Override
    public final String scaling() {
        return scaling;
    }
}
