package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The kernel's default unmap mode per architecture (iommu.c's iommu_dma_strict, which picks the DMA domain type,
 * set from CONFIG_IOMMU_DEFAULT_DMA_LAZY or the drivers' own defaults before v5.15): x86 lazy, arm64 strict, for every
 * preset; an override in the name, or applied after, wins.
 */
class ArchTest {

    @Test
    void x86PresetsAreLazyAndArm64PresetsStrict() {
        for (Policy p : Presets.all().stream().map(Presets.Preset::policy).toList()) {
            Policy x86 = Policy.byName(p.name(), Arch.X86);
            assertEquals(Invalidation.LAZY, x86.invalidation(), p.name());
            assertEquals(p.name() + "+invalidation=lazy", x86.name());
            Policy arm = Policy.byName(p.name(), Arch.ARM64);
            assertEquals(p, arm, "arm64's default is every preset as it is");
        }
    }

    @Test
    void anOverrideInTheNameWins() {
        assertEquals(Policy.LINUX_6_7, Policy.byName("linux-6.7+invalidation=strict", Arch.X86));
        Policy single = Policy.byName("linux-6.7+invalidation=lazy-single", Arch.X86);
        assertEquals(Invalidation.LAZY_SINGLE, single.invalidation());
        assertEquals("linux-6.7+invalidation=lazy-single", single.name());
        Policy mag = Policy.byName("linux-6.1-mag64", Arch.X86);
        assertEquals(64, mag.magazineSize());
        assertEquals(mag, Policy.byName(mag.name()));
    }

    @Test
    void namesAreCheckedAndListed() {
        assertEquals(Arch.X86, Arch.of(" X86 "));
        assertEquals(Arch.ARM64, Arch.of(Arch.DEFAULT_NAME));
        // the words --arch takes and help lists, the constants' names in lower case
        assertEquals("arm64, x86", Arch.words());
        assertEquals(Arch.DEFAULT_NAME, Arch.ARM64.word());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arch.of("sparc"));
        assertTrue(e.getMessage().contains("sparc") && e.getMessage().contains(Arch.words()), e.getMessage());
    }
}
