package dev.iovasim.allocator;

import java.util.stream.Stream;

/**
 * The presets and the small hand-built domains the focused tests start from. All tests use a
 * 4 KiB granule, so {@code D} (dma_32bit_pfn) is 2^20 and the SAC limit is {@code D - 1}.
 */
final class TestDomains {
    static final long D = 1L << 20;
    /** The 32-bit (SAC) inclusive limit. */
    static final long SAC = D - 1;
    /** A 48-bit-ish device limit, far above 4 GiB. */
    static final long BIG = (1L << 36) - 1;
    static final Policy MAG128 = Policy.LINUX_6_1.withMagazineSize(128);

    private TestDomains() {
    }

    /** linux-4.14, linux-4.15, linux-6.1, linux-6.7 and linux-6.1 with 128-pfn magazines. */
    static Stream<Policy> all() {
        return Stream.of(Policy.LINUX_4_14, Policy.LINUX_4_15, Policy.LINUX_6_1, Policy.LINUX_6_7, MAG128);
    }

    /** The presets with the anchor, cached and cached32 nodes (4.15 and later). */
    static Stream<Policy> cachedNodes() {
        return all().filter(p -> p.search() != Policy.Search.LEGACY);
    }

    /** The presets with max32 and the second pass (6.1, 6.7). */
    static Stream<Policy> modern() {
        return all().filter(p -> p.search() == Policy.Search.MODERN);
    }

    /** The presets whose depot is an array of 32 magazines. */
    static Stream<Policy> boundedDepot() {
        return all().filter(p -> p.depotLimit() != Policy.UNBOUNDED);
    }

    static IovaAllocator allocator(Policy p) {
        return allocator(p, 1, 1);
    }

    static IovaAllocator allocator(Policy p, int cpus, long startPfn) {
        return new IovaAllocator(p, new DomainConfig(cpus, 4096, startPfn), true);
    }

    static boolean isLegacy(Policy p) {
        return p.search() == Policy.Search.LEGACY;
    }

    /** Allocates {@code n} ranges of {@code size} on CPU 0 under {@code limit}; returns their pfns. */
    static long[] allocN(IovaAllocator a, int n, long size, long limit) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = a.alloc(0, size, limit, true);
        return out;
    }

    /** The node holding {@code pfn}'s lo and hi, as {lo, hi}; fails if no node holds it. */
    static long[] nodeOf(IovaAllocator a, long pfn) {
        IovaTree t = a.domain().tree();
        int n = t.findContaining(pfn);
        if (n == IovaTree.NIL) throw new AssertionError("no tree node holds pfn " + pfn);
        return new long[] {t.lo(n), t.hi(n)};
    }

    static boolean inTree(IovaAllocator a, long pfn) {
        return a.domain().tree().findContaining(pfn) != IovaTree.NIL;
    }

    static long[] loaded(IovaAllocator a, int cpu, int cls) {
        return a.caches(cpu).loaded(cls);
    }

    static long[] prev(IovaAllocator a, int cpu, int cls) {
        return a.caches(cpu).prev(cls);
    }

    /** Every node of the tree as lo..hi pairs in order (the anchor included), for comparisons. */
    static String treeRanges(IovaDomain d) {
        IovaTree t = d.tree();
        StringBuilder sb = new StringBuilder();
        for (int n = t.first(); n != IovaTree.NIL; n = t.next(n)) {
            sb.append('[').append(Long.toUnsignedString(t.lo(n))).append(',')
                    .append(Long.toUnsignedString(t.hi(n))).append(t.isReserved(n) ? " r" : "").append(']');
        }
        return sb.toString();
    }

    /** The cached32 node's lo, or -2 when it is none (4.14). */
    static long cached32Lo(IovaDomain d) {
        int n = d.cached32Node();
        return n == IovaTree.NIL ? -2 : d.tree().lo(n);
    }

    static long cachedLo(IovaDomain d) {
        int n = d.cachedNode();
        return n == IovaTree.NIL ? -2 : d.tree().lo(n);
    }
}
