package dev.iovasim.allocator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The machine's architecture, for what a kernel of a preset's era does there unless told
 * otherwise: today, which unmap mode a DMA domain gets by default. The rule is per architecture,
 * not per version, for every preset iovasim has (v4.14 and later, all with the iova.c or
 * dma-iommu.c flush queue):
 *
 * <ul>
 *   <li>x86: lazy. Intel VT-d and AMD-Vi always deferred their IOTLB flushes by default
 *       ({@code intel_iommu=strict} and {@code amd_iommu=fullflush} turned it off); from v4.14 both
 *       use the common flush queue; from v5.15 the Kconfig choice {@code IOMMU_DEFAULT_DMA_LAZY} is the
 *       default on x86 ("[PATCH v11 2/3] iommu/vt-d: Add support for IOMMU default DMA mode build
 *       options", John Garry, 8 Jun 2021; "[PATCH] iommu: Clarify default domain Kconfig", Robin Murphy,
 *       8 Sep 2021: the AMD and Intel drivers expect lazy behaviour, expressed as an architecture
 *       dependency).</li>
 *   <li>arm64: strict. The SMMU drivers flush at once unless booted with {@code iommu.strict=0}
 *       (possible since v5.0) or built with {@code IOMMU_DEFAULT_DMA_LAZY}.</li>
 * </ul>
 *
 * <p>arm64 is iovasim's default: its strict mode is the allocator-level behaviour every trace,
 * conformance output and earlier figure was made with.
 */
public enum Arch {
    ARM64(Invalidation.STRICT),
    X86(Invalidation.LAZY);

    public static final String DEFAULT_NAME = "arm64";

    private final Invalidation dmaDefault;

    Arch(Invalidation dmaDefault) {
        this.dmaDefault = dmaDefault;
    }

    /** The word {@code --arch} takes: the constant's name in lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A preset {@code p} in this architecture's default mode (its name then says the mode, e.g.
     * {@code linux-6.7+invalidation=lazy}). Overrides are applied after it ({@link Policy#byName(String, Arch)}).
     */
    public Policy applyDefault(Policy p) {
        return PolicySwitches.apply(p, "invalidation=" + dmaDefault.word());
    }

    /** The architecture called {@code word}; the error lists the valid words. */
    public static Arch of(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.word().equals(w)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + word + "' (known: " + words() + ")"));
    }

    /** The words, comma-separated, for help and errors. */
    public static String words() {
        return Arrays.stream(values()).map(Arch::word).collect(Collectors.joining(", "));
    }
}
