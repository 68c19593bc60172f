package dev.iovasim.allocator;

import java.util.List;
import java.util.Locale;

/**
 * A kernel version's behaviour, as named switches. The presets model what changed in
 * {@code drivers/iommu/iova.c} between releases; the README maps each to its commits.
 *
 * @param name                the preset's name, e.g. {@code linux-6.1}
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
        boolean depotTrim) {

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

    public Policy {
        if (magazineSize < 1) throw new IllegalArgumentException("magazine size must be at least 1, got " + magazineSize);
        if (depotLimit != UNBOUNDED && depotLimit < 0) throw new IllegalArgumentException("bad depot limit " + depotLimit);
    }

    public static final Policy LINUX_4_14 =
            new Policy("linux-4.14", 128, ARRAY_DEPOT, Search.LEGACY, false, false, false, true, false);
    public static final Policy LINUX_4_15 =
            new Policy("linux-4.15", 128, ARRAY_DEPOT, Search.CACHED_NODES, true, false, false, false, false);
    public static final Policy LINUX_6_1 =
            new Policy("linux-6.1", 127, ARRAY_DEPOT, Search.MODERN, true, true, false, false, false);
    public static final Policy LINUX_6_7 =
            new Policy("linux-6.7", 127, UNBOUNDED, Search.MODERN, true, true, true, false, true);

    public static final Policy DEFAULT = LINUX_6_1;

    public static List<Policy> presets() {
        return List.of(LINUX_4_14, LINUX_4_15, LINUX_6_1, LINUX_6_7);
    }

    /** The preset called {@code name}; the error lists the valid names. */
    public static Policy byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Policy p : presets()) {
            if (p.name.equals(key)) return p;
        }
        throw new IllegalArgumentException("unknown policy '" + name + "' (valid: "
                + String.join(", ", presets().stream().map(Policy::name).toList()) + ")");
    }

    /** The same policy with another magazine size; the name says so. */
    public Policy withMagazineSize(int size) {
        if (size == magazineSize) return this;
        if (size < 1 || size > 1 << 16) {
            throw new IllegalArgumentException("magazine size must be in 1..65536, got " + size);
        }
        String base = name.replaceFirst("-mag\\d+$", "");
        return new Policy(base + "-mag" + size, size, depotLimit, search, callerChoosesFlush,
                flushDrainsDepot, depotFlushNewestFirst, topOnlyPop, depotTrim);
    }

    public boolean depotBounded() {
        return depotLimit != UNBOUNDED;
    }
}
