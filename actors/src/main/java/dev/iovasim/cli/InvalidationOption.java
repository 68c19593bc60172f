package dev.iovasim.cli;

import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import picocli.CommandLine.Option;

/** {@code --invalidation} as simulate, replay and dma-map-benchmark take it (a picocli mixin: one flag, one help text). */
final class InvalidationOption {
    @Option(names = "--invalidation", paramLabel = "MODE",
            description = {"Unmap mode, of: strict, lazy, lazy-single (as --set invalidation=MODE). strict frees at once;"
                    + " lazy queues each unmap in its CPU's flush queue (256 slots, 10 ms timer); lazy-single in one"
                    + " 32768-slot queue (1 s). Default: the kernel's for the machine's architecture: lazy on x86, strict"
                    + " on arm64, the default (see docs/kernel-versions.md)."})
    String mode;

    /**
     * {@code p} with the mode (none given: the policy's) applied as the switch it stands for; errors
     * are usage errors, and so is a {@code --set invalidation=} of {@code sets} that says otherwise.
     */
    Policy apply(Policy p, PolicyOverrides sets) {
        if (mode != null) sets.agree("--invalidation " + mode, "invalidation", mode);
        return mode == null ? p : UsageException.refusing("--invalidation",
                () -> PolicySwitches.apply(p, "invalidation=" + Invalidation.of(mode).word()));
    }
}
