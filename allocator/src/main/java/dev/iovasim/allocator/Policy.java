package dev.iovasim.allocator;

import java.util.Locale;

/**
 * A kernel version's behaviour, as named switches. The presets ({@link Presets}) model what changed
 * in {@code drivers/iommu/iova.c} and in the DMA layer above it ({@code drivers/iommu/dma-iommu.c})
 * between releases; {@link PolicySwitches} overrides one switch by name.
 *
 * <p>A policy's name is its preset's name, then {@code -magN} when the magazine size was
 * overridden, then {@code +KEY=VALUE} for each other override in the order given, e.g.
 * {@code linux-6.7+sac=always}. {@link #byName} reads such a name back, so a name is enough to
 * rebuild a policy on another node.
 *
 * @param name                the preset's name, e.g. {@code linux-6.1}, with its overrides
 * @param magazineSize        pfns per magazine (IOVA_MAG_SIZE)
 * @param depotLimit          magazines per size class in the depot; {@link #UNBOUNDED} for a list
 * @param search              which tree search and cached-node rules apply
 * @param callerChoosesFlush  the {@code flush_rcache} argument exists (v4.15+); without it every
 *                            failed tree allocation flushes
 * @param flushDrainsDepot    a flush also frees the depot's magazines (free_global_cached_iovas)
 * @param depotFlushNewestFirst the depot is drained newest first (the 6.7+ list) rather than in
 *                            array order
 * @param topOnlyPop          the magazine pop looks at the newest entry only (before 4.15)
 * @param depotTrim           the depot is trimmed by a delayed job (6.7+, virtual clock only)
 * @param sac                 when a map above 32 bits first tries a 32-bit (SAC) address
 * @param forceDac            the {@code iommu.forcedac=1} boot parameter: no map ever tries SAC
 * @param invalidation        strict or lazy (flush queue) unmapping: what an unmap does with its IOVA
 * @param rcacheClasses       size classes the rcache covers (IOVA_RANGE_CACHE_MAX_SIZE, 6 in every
 *                            released kernel; more in John Garry's unmerged "iommu: Allow IOVA rcache
 *                            range be configured", 2021-22). Only the reference engine models other counts.
 */
public record Policy(
        String name,
        int magazineSize,
        int depotLimit,
        Search search,
        boolean callerChoosesFlush,
        boolean flushDrainsDepot,
        boolean depotFlushNewestFirst,
        boolean topOnlyPop,
        boolean depotTrim,
        SacRule sac,
        boolean forceDac,
        Invalidation invalidation,
        int rcacheClasses) {

    public static final int UNBOUNDED = -1;
    /** MAX_GLOBAL_MAGS: depot magazines per size class in array-depot kernels. */
    public static final int ARRAY_DEPOT = 32;
    /** The 6.7+ trim job keeps this many milliseconds between trims. */
    public static final long TRIM_DELAY_MS = 100;

    /** The tree search generations. */
    public enum Search {
        /** v4.14 and before: inclusive limits, cached32 only, no anchor. */
        LEGACY,
        /** v4.15: cached and cached32 nodes, the anchor, exclusive limit; no max32, no retry. */
        CACHED_NODES,
        /** v5.x/6.x: as CACHED_NODES plus max32_alloc_size and the second pass. */
        MODERN
    }

    /** The DMA layer's rule for the 32-bit (SAC) attempt of a map whose limit is above 32 bits. */
    public enum SacRule {
        /** Before v6.4 ({@code iommu_dma_alloc_iova} up to v6.3): every such map tries 32 bits first. */
        ALWAYS,
        /**
         * From the {@code linux-6.4} preset on (commit 791c2b17fb40 "iommu: Optimise PCI SAC address trick", Robin Murphy): a device tries 32 bits only until its
         * first failed 32-bit attempt, then never again ({@code pci_32bit_workaround}).
         */
        STICKY
    }

    public Policy {
        if (magazineSize < 1) throw new IllegalArgumentException("magazine size must be at least 1, got " + magazineSize);
        if (depotLimit != UNBOUNDED && depotLimit < 0) throw new IllegalArgumentException("bad depot limit " + depotLimit);
        if (sac == null) throw new IllegalArgumentException("a policy needs a SAC rule");
        if (invalidation == null) throw new IllegalArgumentException("a policy needs an invalidation mode");
        if (rcacheClasses < 1 || rcacheClasses > SizeClass.MAX_CACHED_CLASSES) {
            throw new IllegalArgumentException("rcache classes must be in 1.." + SizeClass.MAX_CACHED_CLASSES + ", got " + rcacheClasses);
        }
    }

    /**
     * A preset's policy: what every preset shares is left out (no {@code iommu.forcedac}, strict
     * invalidation, the kernel's 6 size classes); {@link PolicySwitches} changes those.
     */
    private static Policy preset(String name, int magazineSize, int depotLimit, Search search, boolean callerChoosesFlush,
                                 boolean flushDrainsDepot, boolean depotFlushNewestFirst, boolean topOnlyPop,
                                 boolean depotTrim, SacRule sac) {
        return new Policy(name, magazineSize, depotLimit, search, callerChoosesFlush, flushDrainsDepot, depotFlushNewestFirst,
                topOnlyPop, depotTrim, sac, false, Invalidation.STRICT, SizeClass.CACHED_CLASSES);
    }

    // The presets' switches; Presets says which kernels and commits each stands for.
    public static final Policy LINUX_4_14 =
            preset("linux-4.14", 128, ARRAY_DEPOT, Search.LEGACY, false, false, false, true, false, SacRule.ALWAYS);
    public static final Policy LINUX_4_15 =
            preset("linux-4.15", 128, ARRAY_DEPOT, Search.CACHED_NODES, true, false, false, false, false, SacRule.ALWAYS);
    public static final Policy LINUX_6_1 =
            preset("linux-6.1", 127, ARRAY_DEPOT, Search.MODERN, true, true, false, false, false, SacRule.ALWAYS);
    public static final Policy LINUX_6_3 = LINUX_6_1.named("linux-6.3");
    public static final Policy LINUX_6_4 =
            preset("linux-6.4", 127, ARRAY_DEPOT, Search.MODERN, true, true, false, false, false, SacRule.STICKY);
    public static final Policy LINUX_6_7 =
            preset("linux-6.7", 127, UNBOUNDED, Search.MODERN, true, true, true, false, true, SacRule.STICKY);

    /** The preset of commands that run one policy when none is named (a constant, so help texts can say it). */
    public static final String DEFAULT_NAME = "linux-6.1";
    public static final Policy DEFAULT = LINUX_6_1;

    /**
     * The policy called {@code name}: a preset's name, optionally followed by {@code -magN} and
     * {@code +KEY=VALUE} overrides (as {@link #name} writes them). The error lists the valid names.
     */
    public static Policy byName(String name) {
        return byName(name, null);
    }

    /**
     * As {@link #byName(String)}, on a machine of {@code arch} (null: none named): the preset takes
     * that architecture's defaults ({@link Arch#applyDefault}) before the name's overrides, so an
     * override always wins.
     */
    public static Policy byName(String name, Arch arch) {
        String[] parts = name.trim().toLowerCase(Locale.ROOT).split("\\+", -1);
        String base = parts[0];
        Integer mag = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)-mag(\\d{1,6})").matcher(base);
        if (m.matches()) {
            base = m.group(1);
            mag = Integer.parseInt(m.group(2));
        }
        Policy p = Presets.byName(base).policy();
        if (mag != null) p = p.withMagazineSize(mag);
        if (arch != null) p = arch.applyDefault(p);
        for (int i = 1; i < parts.length; i++) p = PolicySwitches.apply(p, parts[i]);
        return p;
    }

    /** The same policy with another magazine size; the name says so. */
    public Policy withMagazineSize(int size) {
        if (size == magazineSize) return this;
        if (size < 1 || size > 1 << 16) {
            throw new IllegalArgumentException("magazine size must be in 1..65536, got " + size);
        }
        int plus = name.indexOf('+');
        String head = plus < 0 ? name : name.substring(0, plus);
        String tail = plus < 0 ? "" : name.substring(plus);
        String base = head.replaceFirst("-mag\\d+$", "");
        return new Policy(base + "-mag" + size + tail, size, depotLimit, search, callerChoosesFlush,
                flushDrainsDepot, depotFlushNewestFirst, topOnlyPop, depotTrim, sac, forceDac, invalidation, rcacheClasses);
    }

    /** The same behaviour under another name. */
    public Policy named(String newName) {
        return new Policy(newName, magazineSize, depotLimit, search, callerChoosesFlush, flushDrainsDepot,
                depotFlushNewestFirst, topOnlyPop, depotTrim, sac, forceDac, invalidation, rcacheClasses);
    }

    /** Same switches, whatever the names. */
    public boolean sameBehaviour(Policy o) {
        return equals(o.named(name));
    }
}
