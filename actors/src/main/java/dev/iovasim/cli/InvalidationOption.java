package dev.iovasim.cli;

import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.Presets;
import picocli.CommandLine.Option;

/** {@code --invalidation} as simulate, replay and dma-map-benchmark take it (a picocli mixin: one flag, one help text). */
final class InvalidationOption {
    @Option(names = "--invalidation", paramLabel = "MODE",
            description = {"Unmap mode, of: strict, lazy, lazy-single (as --set invalidation=MODE). strict frees at once;"
                    + " lazy queues each unmap in its CPU's flush queue (256 slots, 10 ms timer); lazy-single in one"
                    + " 32768-slot queue (1 s). Default: the kernel's for the machine's architecture: lazy on x86, strict"
                    + " on arm64, the default (see docs/kernel-versions.md). lazy-single is refused for presets older than"
                    + " the single queue (v6.7); --set invalidation=lazy-single models it anyway (a what-if)."})
    String mode;

    /**
     * {@code p} with the mode (none given: the policy's) applied as the switch it stands for; errors
     * are usage errors, and so is a {@code --set invalidation=} of {@code sets} that says otherwise.
     */
    Policy apply(Policy p, PolicyOverrides sets) {
        if (mode == null) return p;
        sets.agree("--invalidation " + mode, "invalidation", mode);
        Invalidation m = UsageException.refusing("--invalidation", () -> Invalidation.of(mode));
        Presets.Preset preset = Presets.of(p);
        if (m.singleQueue() && !preset.hasSingleQueue()) {
            // "iommu/dma: Use a large flush queue and timeout for shadow_on_flush" (Niklas Schnelle, 2023)
            throw new UsageException("--invalidation lazy-single: " + preset.name() + " (" + preset.kernels()
                    + ") predates the single flush queue (v6.7); for a what-if, use --set invalidation=lazy-single");
        }
        return UsageException.refusing("--invalidation", () -> PolicySwitches.apply(p, "invalidation=" + m.word()));
    }
}
