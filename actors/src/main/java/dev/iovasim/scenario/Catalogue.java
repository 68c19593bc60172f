package dev.iovasim.scenario;

import java.util.List;

/**
 * The registry of scenarios, in the order of issue 16: {@code scenario list}, the command's help
 * and docs/scenarios.md read it. A new scenario is one class and one line here.
 */
public final class Catalogue {
    private static final List<Scenario> ALL = List.of(
            SeedFlushStorm.create(),
            DepotOverflowAging.create(),
            LongRunDegradation.create(),
            IrqCpuAsymmetry.create(),
            NicMtuSac.create(),
            LowFourGigLinearWalk.create(),
            RcacheRange.create());

    private Catalogue() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    /** The scenario called {@code name}; the error names it and lists the valid names. */
    public static Scenario byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown scenario '" + name + "' (valid: " + String.join(", ", names()) + ")"));
    }
}
