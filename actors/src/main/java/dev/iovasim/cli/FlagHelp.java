package dev.iovasim.cli;

import java.util.ListResourceBundle;

/**
 * The help of the shared flags whose one sentence each command completes: {@link JsonOption}
 * (what the command's file holds) and {@link SeedOption} (what the seed chooses). A command's
 * clause is under its qualified name (picocli looks up "iovasim.simulate.json" before "json").
 * Read through {@link PolicyHelp}, the bundle of every command with {@link PolicyOptions}
 * ({@link FanOutHelp} falls back to it).
 */
public final class FlagHelp extends ListResourceBundle {
    private static final String WRITE = "Also write the figures here as JSON";
    private static final String SEED = "Seed of the run's pseudo-random choices";
    private static final String DEFAULT = " Default: ${DEFAULT-VALUE}.";

    // no key is a flag's bare name ("seed", "json"): picocli would take it as the help of every
    // flag of that name reading this bundle, sweep's and node's own --seed included
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"iovasim.simulate.json", WRITE + ": {\"runs\":[...]}, one object per policy and engine."},
            {"iovasim.flushbench.json", WRITE + " (and the bare ones and ratios with --compare-bare)."},
            {"seed-of", SEED + "." + DEFAULT},
            {"iovasim.simulate.seed-of", SEED + ": every workload generator's and the CPU interleaving." + DEFAULT},
            {"iovasim.bench.seed-of", SEED + ": the loads' generators." + DEFAULT},
            {"iovasim.dma-map-benchmark.seed-of", SEED + ": the threads' start offsets within the first microsecond." + DEFAULT},
        };
    }
}
