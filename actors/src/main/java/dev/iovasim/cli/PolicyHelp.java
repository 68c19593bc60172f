package dev.iovasim.cli;

import dev.iovasim.allocator.PolicySwitches;
import java.util.ListResourceBundle;

/**
 * The help of {@link PolicyOptions} and {@link PolicyOverrides}, written from the switch registry so
 * no help string lists switches by hand (the presets are listed through picocli's completion
 * candidates). Picocli reads it as the mixins' resource bundle; a key prefixed with a command's
 * qualified name ("iovasim.simulate.") is that command's own wording.
 */
public final class PolicyHelp extends ListResourceBundle {
    /** What every command's {@code --policy} says first ({@link PolicyOptions}). */
    private static final String PRESET = "Kernel behaviour preset, one of: ${COMPLETION-CANDIDATES}";

    /** The shared flags' help ({@link FlagHelp}) for the commands whose bundle this is. */
    public PolicyHelp() {
        setParent(new FlagHelp());
    }

    @Override
    protected Object[][] getContents() {
        StringBuilder set = new StringBuilder("Override one policy switch (repeatable; the policy's name gains +KEY=VALUE):");
        for (String line : PolicySwitches.help()) set.append("%n  ").append(line.replace("%", "%%"));
        return new Object[][] {
            {"preset", PRESET + " (one per run). Default: ${DEFAULT-VALUE}."},
            // not "policy", which picocli would take as the help of every --policy reading this bundle (node's, sweep's, soak's);
            // simulate runs each policy it is given: one column of its table each
            {"iovasim.simulate.preset", PRESET + ", or several, comma separated (one column each). Default: ${DEFAULT-VALUE}."},
            {"set", set.toString()},
            {"forcedac", "The kernel's iommu.forcedac=1 boot parameter: no map tries a 32-bit (SAC) address first."
                    + " Refused for presets older than the parameter (v5.13); --set forcedac=on models it anyway"
                    + " (as those kernels' Intel-only intel_iommu=forcedac, or as a what-if)."},
        };
    }
}
