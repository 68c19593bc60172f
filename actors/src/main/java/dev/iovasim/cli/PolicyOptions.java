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
 * the help come from the {@link Presets} catalogue; the default is the command's, given to the
 * constructor (picocli shows a field's initial value as its default), and a command that runs
 * several policies words its help under its own key in {@link FlagHelp}.
 */
@Command(resourceBundle = "dev.iovasim.cli.FlagHelp")
public final class PolicyOptions {
    static final int MAX_MAGAZINE_SIZE = 1 << 16;

    @Option(names = "--policy", paramLabel = "NAME", completionCandidates = CompletionCandidates.Presets.class,
            descriptionKey = "preset")
    String policies;

    @Option(names = "--magazine-size", paramLabel = "N", converter = WholeNumber.class,
            description = "pfns per magazine, 1.." + MAX_MAGAZINE_SIZE + ", overriding the preset's (128 before v6.0, 127 after).")
    Long magazineSize;

    @Mixin
    PolicyOverrides overrides = new PolicyOverrides();

    /** {@code defaults}: the presets (comma separated) run when {@code --policy} is not given. */
    PolicyOptions(String defaults) {
        policies = defaults;
    }

    /** The presets named, else the command's default ones, with every override and {@code --arch}'s defaults (null: none named). */
    List<Policy> resolve(Arch arch) {
        return resolve(policies, arch);
    }

    public Policy single() {
        return one(resolve(null));
    }

    /** The one policy of {@code ps}, for a command that runs one; several are a usage error. */
    static Policy one(List<Policy> ps) {
        if (ps.size() != 1) throw new UsageException("--policy: this command takes one policy, got " + ps.size());
        return ps.get(0);
    }

    /**
     * The presets {@code names} (comma separated), as {@link #resolve(Arch)} reads the command's;
     * an empty item, a policy named twice (two identical columns, and files written under one
     * name), or a {@code --set magazine-size} other than {@code --magazine-size} is a usage error.
     */
    List<Policy> resolve(String names, Arch arch) {
        if (magazineSize != null) overrides.agree("--magazine-size " + magazineSize, "magazine-size", magazineSize.toString());
        List<Policy> out = new ArrayList<>();
        for (String name : names.split(",", -1)) {
            if (name.isBlank()) throw new UsageException("--policy: empty name in '" + names + "'");
            Policy p = overrides.apply(preset(name, arch));
            if (out.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw new UsageException("--policy: " + p.name() + " is listed twice in '" + names + "'");
            }
            out.add(p);
        }
        return out;
    }

    /** The preset with the {@code --magazine-size} given (none: the preset's); a size out of range is a usage error. */
    private Policy preset(String name, Arch arch) {
        Policy p = UsageException.refusing("--policy", () -> Policy.byName(name, arch));
        return magazineSize == null ? p : p.withMagazineSize((int) Check.in("--magazine-size", magazineSize, 1, MAX_MAGAZINE_SIZE));
    }
}
