package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.Presets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --policy}, {@code --magazine-size}, {@code --set} and {@code --forcedac}, shared by the
 * commands that build allocators. The presets and switches listed in the help come from
 * {@link Presets} and {@link PolicySwitches} (through {@link PolicyHelp}).
 */
@Command(resourceBundle = "dev.iovasim.cli.PolicyHelp")
public final class PolicyOptions {
    @Option(names = "--policy", paramLabel = "NAME[,NAME...]", descriptionKey = "policy")
    String policies;

    @Option(names = "--magazine-size", paramLabel = "N",
            description = "pfns per magazine, overriding the preset's (128 before v6.0, 127 after).")
    Integer magazineSize;

    @Option(names = "--set", paramLabel = "KEY=VALUE", descriptionKey = "set")
    List<String> sets = new ArrayList<>();

    @Option(names = "--forcedac", descriptionKey = "forcedac")
    boolean forcedac;

    /** The selected presets, or {@code fallback} when none was named, with every override applied. */
    public List<Policy> resolve(String fallback) {
        String spec = policies == null ? fallback : policies;
        List<Policy> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            if (name.isBlank()) throw new UsageException("--policy: empty name in '" + spec + "'");
            out.add(forcedac(overridden(preset(name))));
        }
        return out;
    }

    public Policy single(String fallback) {
        List<Policy> ps = resolve(fallback);
        if (ps.size() != 1) throw new UsageException("--policy: this command takes one policy, got " + ps.size());
        return ps.get(0);
    }

    private Policy preset(String name) {
        try {
            Policy p = Policy.byName(name);
            return magazineSize != null ? p.withMagazineSize(magazineSize) : p;
        } catch (IllegalArgumentException e) {
            throw new UsageException((magazineSize != null && e.getMessage().contains("magazine")
                    ? "--magazine-size: " : "--policy: ") + e.getMessage());
        }
    }

    private Policy overridden(Policy p) {
        for (String s : sets) {
            try {
                p = PolicySwitches.apply(p, s);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--set " + s + ": " + e.getMessage());
            }
        }
        return p;
    }

    /**
     * The boot parameter exists from v5.13 on: on an older preset it is refused rather than
     * silently modelled, and {@code --set forcedac=on} remains for a deliberate what-if.
     */
    private Policy forcedac(Policy p) {
        if (!forcedac) return p;
        Presets.Preset preset = Presets.of(p);
        if (!preset.hasForcedac()) {
            throw new UsageException("--forcedac: " + preset.name() + " (" + preset.kernels()
                    + ") predates the iommu.forcedac boot parameter (v5.13); for a what-if use --set forcedac=on");
        }
        return PolicySwitches.apply(p, "forcedac=on");
    }
}
