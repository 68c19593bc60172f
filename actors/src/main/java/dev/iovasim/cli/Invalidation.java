package dev.iovasim.cli;

/**
 * {@code --invalidation strict|lazy}. Strict is the cost model's per-unmap IOTLB invalidation.
 * Lazy needs flush queues in the allocator (a {@code PolicySwitches} key {@code invalidation},
 * being added on another branch): until that key exists, lazy is refused as a usage error rather
 * than priced as if it were strict. When it lands, route the value here to
 * {@code PolicySwitches.apply(policy, "invalidation=" + mode)} and price the flush queue's flush
 * instead of the per-unmap one.
 */
final class Invalidation {
    private Invalidation() {
    }

    /** True for strict; a usage error for lazy (not modelled yet) or any other word. */
    static boolean strict(String mode) {
        return switch (mode) {
            case "strict" -> true;
            case "lazy" -> throw new UsageException("--invalidation lazy: lazy invalidation (flush queues) is not"
                    + " modelled yet, so its latencies would be strict mode's under another name; use strict");
            default -> throw new UsageException("--invalidation: expected strict or lazy, got '" + mode + "'");
        };
    }
}
