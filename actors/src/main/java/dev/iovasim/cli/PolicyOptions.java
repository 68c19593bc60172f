package dev.iovasim.cli;

import dev.iovasim.allocator.Arch;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.Presets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --policy} and {@code --magazine-size}, with {@code --set} and {@code --forcedac}
 * ({@link PolicyOverrides}), shared by the commands that build allocators. The presets listed in
 * the help come from the {@link Presets} catalogue.
 */
@Command(resourceBundle = "dev.iovasim.cli.PolicyHelp")
public final class PolicyOptions {
    @Option(names = "--policy", paramLabel = "NAME", completionCandidates = CompletionCandidates.Presets.class,
            description = "Kernel behaviour preset, one of: ${COMPLETION-CANDIDATES} (one per run). Default: " + Policy.DEFAULT_NAME + ".")
    String policies;

    @Mixin
    MagazineSizeOption magazineSize = new MagazineSizeOption();

    @Mixin
    PolicyOverrides overrides = new PolicyOverrides();

    /** The machine's architecture ({@code --arch}, set by the command that reads it); null: none named. */
    Arch arch;

    /** The selected presets, or {@code fallback} when none was named, with every override applied. */
    public List<Policy> resolve(String fallback) {
        String spec = policies == null ? fallback : policies;
        List<Policy> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            if (name.isBlank()) throw new UsageException("--policy: empty name in '" + spec + "'");
            out.add(overrides.apply(preset(name)));
        }
        return out;
    }

    public Policy single(String fallback) {
        List<Policy> ps = resolve(fallback);
        if (ps.size() != 1) throw new UsageException("--policy: this command takes one policy, got " + ps.size());
        return ps.get(0);
    }

    private Policy preset(String name) {
        return magazineSize.apply(UsageException.refusing("--policy", () -> Policy.byName(name, arch)));
    }
}
