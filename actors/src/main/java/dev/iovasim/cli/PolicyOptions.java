package dev.iovasim.cli;

import dev.iovasim.allocator.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --policy} and {@code --magazine-size}, shared by the commands that build allocators. */
public final class PolicyOptions {
    @Option(names = "--policy", paramLabel = "NAME", completionCandidates = Catalogues.Presets.class,
            description = "Kernel behaviour preset, one of: ${COMPLETION-CANDIDATES} (one per run). Default: linux-6.1.")
    String policies;

    @Option(names = "--magazine-size", paramLabel = "N",
            description = "pfns per magazine, overriding the preset's (128 before v6.0, 127 after).")
    Integer magazineSize;

    /** The selected presets, or {@code fallback} when none was named. */
    public List<Policy> resolve(String fallback) {
        String spec = policies == null ? fallback : policies;
        List<Policy> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            if (name.isBlank()) throw new UsageException("--policy: empty name in '" + spec + "'");
            Policy p;
            try {
                p = Policy.byName(name);
                if (magazineSize != null) p = p.withMagazineSize(magazineSize);
            } catch (IllegalArgumentException e) {
                throw new UsageException((magazineSize != null && e.getMessage().contains("magazine")
                        ? "--magazine-size: " : "--policy: ") + e.getMessage());
            }
            out.add(p);
        }
        return out;
    }

    public Policy single(String fallback) {
        List<Policy> ps = resolve(fallback);
        if (ps.size() != 1) throw new UsageException("--policy: this command takes one policy, got " + ps.size());
        return ps.get(0);
    }
}
