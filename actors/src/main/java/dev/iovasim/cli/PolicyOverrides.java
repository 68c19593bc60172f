package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.Presets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE} and {@code --forcedac}: overrides applied to every policy a command
 * names. Part of {@link PolicyOptions}; also mixed into the commands that read {@code --policy}
 * themselves. The switches listed in the help come from {@link PolicySwitches} (via {@link FlagHelp}).
 */
@Command(resourceBundle = "dev.iovasim.cli.FlagHelp")
public final class PolicyOverrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE", descriptionKey = "set")
    List<String> sets = new ArrayList<>();

    @Option(names = "--forcedac", descriptionKey = "forcedac")
    boolean forcedac;

    /**
     * {@code p} with every {@code --set} in order, then {@code --forcedac}; errors are usage errors,
     * and so is a {@code --set forcedac=off} beside {@code --forcedac}.
     */
    public Policy apply(Policy p) {
        if (forcedac) agree("--forcedac", "forcedac", "on");
        for (int i = 0; i < sets.size(); i++) {
            String s = sets.get(i);
            int eq = s.indexOf('=');
            // a switch set twice to different values: which one wins would be one more rule to remember
            if (eq > 0) agree("--set " + s, s.substring(0, eq).strip(), s.substring(eq + 1), i + 1);
        }
        for (String s : sets) {
            Policy before = p;
            p = UsageException.refusing("--set " + s, () -> PolicySwitches.apply(before, s));
        }
        return forcedac(p);
    }

    /** Comma-separated policy names with the overrides applied, as names ({@link Policy#byName} reads them back). */
    public String applyToNames(String names) {
        if (sets.isEmpty() && !forcedac) return names;
        List<String> out = new ArrayList<>();
        // an empty item stays one, for the list's own check to refuse
        for (String n : names.split(",", -1)) out.add(n.isBlank() ? n : UsageException.refusing("--policy", () -> apply(Policy.byName(n)).name()));
        return String.join(",", out);
    }

    /**
     * Refuses a {@code --set KEY=...} that disagrees with {@code flag}, the command's own flag for
     * the same switch, which sets it to {@code value}: which of the two wins would be one more rule
     * to remember, so neither does. One that agrees is accepted; a value that is no value of the
     * switch is left to the error of the flag or the --set that gave it.
     */
    void agree(String flag, String key, String value) {
        agree(flag, key, value, 0);
    }

    /** As {@link #agree(String, String, String)}, over the {@code --set}s from index {@code from} on. */
    private void agree(String flag, String key, String value, int from) {
        for (String s : sets.subList(from, sets.size())) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.substring(0, eq).strip().equalsIgnoreCase(key)) continue;
            if (!same(key, value, s.substring(eq + 1))) {
                throw new UsageException(flag + " and --set " + s + " disagree; give one of them");
            }
        }
    }

    /** Whether {@code KEY=a} and {@code KEY=b} make the same policy (a bad value: as if they did). */
    private static boolean same(String key, String a, String b) {
        Policy base = Policy.byName(Policy.DEFAULT_NAME);
        try {
            return PolicySwitches.apply(base, key + "=" + a).sameBehaviour(PolicySwitches.apply(base, key + "=" + b));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * The boot parameter exists from v5.13 on ("iommu/dma: Resurrect the "forcedac" option", Robin
     * Murphy, 3542dcb15cef): on an older preset it is refused rather than silently modelled; the
     * Intel-only intel_iommu=forcedac of those kernels, or a what-if, is {@code --set forcedac=on}.
     */
    private Policy forcedac(Policy p) {
        if (!forcedac) return p;
        Presets.Preset preset = Presets.of(p);
        if (!preset.hasForcedac()) {
            throw new UsageException("--forcedac: " + preset.name() + " (" + preset.kernels()
                    + ") predates the iommu.forcedac boot parameter (v5.13); its kernels had only the Intel driver's"
                    + " own intel_iommu=forcedac: to model that, or for a what-if, use --set forcedac=on");
        }
        return PolicySwitches.apply(p, "forcedac=on");
    }
}
