package dev.iovasim.cli;

import dev.iovasim.allocator.PolicySwitches;
import java.util.ListResourceBundle;

/**
 * The help of {@link PolicyOptions} and {@link PolicyOverrides}, written from the switch registry so
 * no help string lists switches by hand (the presets are listed through picocli's completion
 * candidates), and of the shared flags whose one sentence each command completes: {@link JsonOption}
 * (what the command's file holds) and {@link SeedOption} (what the seed chooses). Picocli reads it as
 * the mixins' resource bundle; a key prefixed with a command's qualified name ("iovasim.simulate.") is
 * that command's own wording (picocli looks up "iovasim.simulate.json" before "json").
 */
public final class PolicyHelp extends ListResourceBundle {
    /** What every command's {@code --policy} says first ({@link PolicyOptions}). */
    private static final String PRESET = "Kernel behaviour preset, one of: ${COMPLETION-CANDIDATES}";
    private static final String WRITE = "Also write the figures here as JSON";
    private static final String SEED = "Seed of the run's pseudo-random choices";
    private static final String DEFAULT = " Default: ${DEFAULT-VALUE}.";

    @Override
    protected Object[][] getContents() {
        StringBuilder set = new StringBuilder("Override one policy switch (repeatable; the policy's name gains +KEY=VALUE):");
        for (String line : PolicySwitches.help()) set.append("%n  ").append(line.replace("%", "%%"));
        // no key is a shared flag's bare name ("policy", "seed", "json"): picocli would take it as the help of every flag
        // of that name reading this bundle, node's, sweep's and soak's own --policy and sweep's and node's --seed included
        return new Object[][] {
            {"preset", PRESET + " (one per run). Default: ${DEFAULT-VALUE}."},
            // simulate runs each policy it is given: one column of its table each
            {"iovasim.simulate.preset", PRESET + ", or several, comma separated (one column each). Default: ${DEFAULT-VALUE}."},
            {"set", set.toString()},
            {"forcedac", "The kernel's iommu.forcedac=1 boot parameter: no map tries a 32-bit (SAC) address first."
                    + " Refused for presets older than the parameter (v5.13); --set forcedac=on models it anyway"
                    + " (as those kernels' Intel-only intel_iommu=forcedac, or as a what-if)."},
            {"iovasim.simulate.json", WRITE + ": {\"runs\":[...]}, one object per policy and engine."},
            {"iovasim.flushbench.json", WRITE + " (and the bare ones and ratios with --compare-bare)."},
            {"seed-of", SEED + "." + DEFAULT},
            {"iovasim.simulate.seed-of", SEED + ": every workload generator's and the CPU interleaving." + DEFAULT},
            {"iovasim.bench.seed-of", SEED + ": the loads' generators." + DEFAULT},
            {"iovasim.dma-map-benchmark.seed-of", SEED + ": the threads' start offsets within the first microsecond." + DEFAULT},
        };
    }
}
