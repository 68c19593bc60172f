package dev.iovasim.allocator;

import java.util.List;
import java.util.Locale;

/**
 * The catalogue of kernel presets: the one list that {@code --policy}, its help text, the sweep
 * plans and the tests read. Each entry says which kernels it stands for and whether those kernels
 * have the {@code iommu.forcedac} boot parameter and the single flush queue.
 */
public final class Presets {

    /**
     * @param policy      the preset's switches
     * @param kernels     the kernel releases it stands for
     * @param hasForcedac    the kernels have the {@code iommu.forcedac} boot parameter (v5.13+)
     * @param hasSingleQueue the kernels have {@code invalidation=lazy-single}, the one large flush queue
     *                       ("iommu/dma: Use a large flush queue and timeout for shadow_on_flush", v6.7)
     */
    public record Preset(Policy policy, String kernels, boolean hasForcedac, boolean hasSingleQueue) {
        public String name() {
            return policy.name();
        }
    }

    public static final Preset LINUX_4_14 = new Preset(Policy.LINUX_4_14, "v4.14 and before", false, false);
    public static final Preset LINUX_4_15 = new Preset(Policy.LINUX_4_15, "v4.15 - v4.x", false, false);
    public static final Preset LINUX_6_1 = new Preset(Policy.LINUX_6_1, "v5.x - v6.2", true, false);
    /**
     * The last kernel before the sticky SAC rule: the same switches as {@link #LINUX_6_1} in iova.c
     * and in the DMA layer (every map above 32 bits tries a 32-bit address first), named so that a
     * v6.3 / v6.4 comparison reads as one.
     */
    public static final Preset LINUX_6_3 = new Preset(Policy.LINUX_6_3, "v6.3", true, false);
    /**
     * The v6.1 allocator behind the sticky SAC rule. Named as the conformance outputs it matches are;
     * note that the rule's commit (791c2b17fb40, "iommu: Optimise PCI SAC address trick") was
     * applied to the IOMMU tree in July 2023, after v6.5-rc1, which points to v6.6 as its first
     * release: the version in this name is still to be checked against the kernel's tags.
     */
    public static final Preset LINUX_6_4 = new Preset(Policy.LINUX_6_4, "v6.4 - v6.6", true, false);
    public static final Preset LINUX_6_7 = new Preset(Policy.LINUX_6_7, "v6.7 and later", true, true);

    private static final List<Preset> ALL = List.of(LINUX_4_14, LINUX_4_15, LINUX_6_1, LINUX_6_3, LINUX_6_4, LINUX_6_7);

    private Presets() {
    }

    /** Every preset, oldest kernel first. */
    public static List<Preset> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Preset::name).toList();
    }

    /** The preset called {@code name} (no overrides); the error lists the valid names. */
    public static Preset byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(key)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown policy '" + name + "' (valid: " + String.join(", ", names()) + ")"));
    }

    /**
     * A trace header's {@code invalidation=} under {@code policy}: lazy-single is refused under a
     * preset whose kernels have no single queue, unless the policy itself was set to it (a what-if,
     * {@code --set invalidation=lazy-single}).
     */
    public static void checkTraceInvalidation(Policy policy, Invalidation mode) {
        Preset preset = of(policy);
        if (mode.singleQueue() && !policy.invalidation().singleQueue() && !preset.hasSingleQueue()) {
            throw new UnsupportedOperationException("the trace's header says invalidation=lazy-single, but "
                    + preset.name() + " (" + preset.kernels() + ") predates the single flush queue (v6.7);"
                    + " for a what-if, replay with --set invalidation=lazy-single");
        }
    }

    /** The preset a policy was built from, by the name's first part. */
    public static Preset of(Policy policy) {
        String base = policy.name().split("\\+", 2)[0].replaceFirst("-mag\\d+$", "");
        return byName(base);
    }
}
