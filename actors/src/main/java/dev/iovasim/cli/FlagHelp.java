package dev.iovasim.cli;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.PolicySwitches;
import java.util.ListResourceBundle;
import java.util.stream.Collectors;

/**
 * The help of the flags several commands share and word their own way, the resource bundle of every
 * command that has one of them (and of the mixins, {@link PolicyOptions}, {@link PolicyOverrides} and
 * {@link ClusterOptions}: picocli gives a command one bundle for all its options, its own or else the
 * last mixin's). Lists come from their registries, so no help string lists them by hand: the policy
 * switches ({@link PolicySwitches}) and the fan-out shapes ({@link FanOutCatalogue}, each name and
 * summary); the presets come through picocli's completion candidates. {@link JsonOption} and
 * {@link SeedOption} have one sentence that each command completes (what its file holds, what the
 * seed chooses), {@code --fanout} a lead-in per command (what it does there) and its default, and
 * {@code --link-delay} one sentence ({@link LinkDelayOption}). A key prefixed with a command's
 * qualified name ("iovasim.simulate.") is that command's own (picocli looks up
 * "iovasim.simulate.json" before "json").
 */
public final class FlagHelp extends ListResourceBundle {
    /** What every command's {@code --policy} says first ({@link PolicyOptions}). */
    private static final String PRESET = "Kernel behaviour preset, one of: ${COMPLETION-CANDIDATES}";
    private static final String WRITE = "Also write the figures here as JSON";
    private static final String SEED = "Seed of the run's pseudo-random choices";
    private static final String DEFAULT = " Default: ${DEFAULT-VALUE}.";
    /** What every {@code --link-delay} ({@link LinkDelayOption}) does. */
    private static final String LINK_DELAY = "one-way delay each node adds in user space to every message it receives"
            + " (a relay in front of its cluster port, for kernels without tc netem), e.g. 100us or 1ms";

    @Override
    protected Object[][] getContents() {
        StringBuilder set = new StringBuilder("Override one policy switch (repeatable; the policy's name gains +KEY=VALUE;"
                + " a flag of the same switch, given too, must say the same):");
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
            {"fanout.cluster", "With --nodes, how a flush reaches the CPUs, one of:" + shapes() + "%nDefault: ${DEFAULT-VALUE}."},
            {"fanout.node", "Flush fan-out shape (IOVASIM_FANOUT), one of:" + shapes()},
            {"fanout.sweep", "How a flush reaches the CPUs (with --nodes 2 or more), of:" + shapes() + "%nDefault: ${DEFAULT-VALUE}."},
            {"fanout.soak", "How a flush reaches the CPUs, one of:" + shapes()},
            {"link-delay", "With --nodes, a " + LINK_DELAY + ". Default: 0s."},
            {"iovasim.node.link-delay", "A " + LINK_DELAY + " (IOVASIM_LINK_DELAY)."},
        };
    }

    private static String shapes() {
        return FanOutCatalogue.help().stream().map(line -> "%n  " + line.replace("%", "%%")).collect(Collectors.joining());
    }
}
