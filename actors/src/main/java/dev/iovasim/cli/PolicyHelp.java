package dev.iovasim.cli;

import dev.iovasim.allocator.PolicySwitches;
import java.util.ListResourceBundle;

/**
 * The help of {@link PolicyOverrides}, written from the switch registry so no help string lists
 * switches by hand (the presets are listed through picocli's completion candidates). Picocli reads it as the mixin's resource bundle.
 */
public final class PolicyHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        StringBuilder set = new StringBuilder("Override one policy switch (repeatable; the policy's name gains +KEY=VALUE):");
        for (String line : PolicySwitches.help()) set.append("%n  ").append(line.replace("%", "%%"));
        return new Object[][] {
            {"set", set.toString()},
            {"forcedac", "The kernel's iommu.forcedac=1 boot parameter: no map tries a 32-bit (SAC) address first."
                    + " Refused for presets older than the parameter (v5.13); --set forcedac=on models it anyway"
                    + " (as those kernels' Intel-only intel_iommu=forcedac, or as a what-if)."},
        };
    }
}
