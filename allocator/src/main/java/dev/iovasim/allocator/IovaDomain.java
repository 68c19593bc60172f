package dev.iovasim.allocator;

import static dev.iovasim.allocator.IovaTree.NIL;

/**
 * iova_domain: the rbtree of allocated ranges and the state that steers its top-down search
 * ({@code cached_node}, {@code cached32_node}, {@code max32_alloc_size}, the anchor).
 *
 * <p>Limits are inclusive ({@code LIMIT}, what {@code alloc_iova_fast} receives); the search
 * works with the exclusive {@code L = LIMIT + 1}.
 * All pfn arithmetic is unsigned and wraps.
 *
 * <p>Not thread-safe: whoever owns the domain is the rbtree lock.
 */
public final class IovaDomain {
    /** alloc's "nothing found"; pfn 0 is never handed out because start_pfn is at least 1. */
    public static final long NONE = 0;
    static final long ANCHOR_PFN = -1L;
    private static final long FAIL = -1L;

    private final IovaTree tree = new IovaTree();
    private final Policy.Search search;
    private final boolean gapSearch;
    private final long startPfn;
    private final int granuleShift;
    /** dma_32bit_pfn: the first pfn above 4 GiB (D). */
    private final long dma32Pfn;
    private final int anchor;
    private int cached32;
    private int cached;
    private long max32;
    /**
     * The node just above the gap the last successful search pass chose (the new range's in-order
     * successor), so the insert needs no descent; NIL when the pass does not know it.
     */
    private int above;

    // work counters, read by engines and reports
    private long nodesVisited;
    /** Nodes the frees' descents to their node compared: kept apart, as the work units count allocation search steps. */
    private long freeNodesVisited;
    /**
     * Only a time series reads freeNodesVisited. While it is counted a free descends from the root
     * as the kernel does (and the tree drops its index by lo, then useless); otherwise the index
     * finds the node without a descent.
     */
    private boolean countFreeDescents;
    private long inserts;
    private long erases;
    private long max32FastFails;
    private long max32Resets;
    private long lastFreedLo;
    private long lastFreedHi;
    /** The first event of each kind, by {@link KernelEvent.Kind#ordinal}; null until it happens. */
    private final KernelEvent[] firstEvents = new KernelEvent[KernelEvent.Kind.values().length];
    /** A bit per kind in {@link #firstEvents} (KernelEvent#bit): what the actor engine's replies carry. */
    private int eventKinds;

    /**
     * A moment where the kernel modelled would do something the model does not follow: it goes on
     * as a later kernel would, and a replay says so ({@code Replay}). {@code [lo, hi]} is the range
     * concerned (a single pfn: {@code lo == hi}).
     */
    public record KernelEvent(Kind kind, long lo, long hi) {
        public enum Kind {
            /** v4.15 keeps {@code cached32_node} on the range this free releases (a use-after-free). */
            STALE_CACHED32,
            /** A cached pfn no range holds goes back to the tree in a kernel that stops there on BUG_ON. */
            BUG_ON_CACHED_PFN,
            /** The same in a kernel that warns and skips it. */
            WARN_ON_CACHED_PFN
        }

        public int bit() {
            return 1 << kind.ordinal();
        }
    }

    /**
     * @param search    the policy's search generation
     * @param gapSearch use the gap-augmented search (same pfns, fewer steps); the plain walk if false
     * @param granule   IOVA granule in bytes, a power of two
     * @param startPfn  the lowest allocatable pfn, at least 1
     */
    public IovaDomain(Policy.Search search, boolean gapSearch, long granule, long startPfn) {
        if (startPfn < 1) throw new IllegalArgumentException("start_pfn must be at least 1");
        if (Long.bitCount(granule) != 1) throw new IllegalArgumentException("granule must be a power of two");
        this.search = search;
        this.gapSearch = gapSearch && search != Policy.Search.LEGACY;
        this.startPfn = startPfn;
        this.granuleShift = Long.numberOfTrailingZeros(granule);
        this.dma32Pfn = 1L << (32 - granuleShift);
        this.max32 = dma32Pfn;
        if (search == Policy.Search.LEGACY) {
            anchor = NIL;
            cached32 = NIL;
            cached = NIL;
        } else {
            anchor = tree.insert(ANCHOR_PFN, ANCHOR_PFN, true);
            cached32 = anchor;
            cached = anchor;
        }
    }

    public IovaTree tree() {
        return tree;
    }

    public long dma32Pfn() {
        return dma32Pfn;
    }

    public int anchor() {
        return anchor;
    }

    /** Allocated, reserved and anchor nodes in the tree. */
    public int nodeCount() {
        return tree.size();
    }

    public long max32() {
        return max32;
    }

    public int cached32Node() {
        return cached32;
    }

    public int cachedNode() {
        return cached;
    }

    public long nodesVisited() {
        return nodesVisited;
    }

    /** Tree nodes the frees compared on their way down from the root (private_find_iova), while counted. */
    public long freeNodesVisited() {
        return freeNodesVisited;
    }

    /** Starts (or stops) counting {@link #freeNodesVisited}: what a time series needs. */
    public void countFreeDescents(boolean on) {
        countFreeDescents = on;
        tree.indexByLo(!on);
    }

    /** 32-bit requests failed at once because max32_alloc_size said the space had no room (v5.x+). */
    public long max32FastFails() {
        return max32FastFails;
    }

    /** Frees below 4 GiB that lifted max32_alloc_size back to dma_32bit_pfn. */
    public long max32Resets() {
        return max32Resets;
    }

    public long inserts() {
        return inserts;
    }

    public long erases() {
        return erases;
    }

    /** The range removed by the last successful {@link #free}. */
    public long lastFreedLo() {
        return lastFreedLo;
    }

    public long lastFreedHi() {
        return lastFreedHi;
    }

    /**
     * The first event of {@code kind}, or null. For {@link KernelEvent.Kind#STALE_CACHED32}: the
     * first moment v4.15 would have left {@code cached32_node} pointing at freed memory; the model
     * applies the later fix ("iommu/iova: Remove stale cached32_node") and goes on.
     */
    public KernelEvent kernelEvent(KernelEvent.Kind kind) {
        return firstEvents[kind.ordinal()];
    }

    /** The kinds of event seen so far, a {@link KernelEvent#bit} each: 0 while nothing happened. */
    public int kernelEventKinds() {
        return eventKinds;
    }

    private void happened(KernelEvent.Kind kind, long lo, long hi) {
        if (firstEvents[kind.ordinal()] != null) return;
        KernelEvent e = new KernelEvent(kind, lo, hi);
        firstEvents[kind.ordinal()] = e;
        eventKinds |= e.bit();
    }

    // ---------------------------------------------------------------- allocation

    /**
     * alloc_iova with size alignment: a range of {@code size} pages (already rounded by the
     * caller) at or below {@code limit} (inclusive). Returns its first pfn, or {@link #NONE}.
     */
    public long alloc(long size, long limit) {
        return search == Policy.Search.LEGACY ? allocLegacy(size, limit) : allocCached(size, limit);
    }

    private long allocCached(long size, long limit) {
        boolean modern = search == Policy.Search.MODERN;
        long high = limit + 1;
        boolean in32 = Long.compareUnsigned(high, dma32Pfn) <= 0;
        if (modern && in32 && Long.compareUnsigned(size, max32) >= 0) {
            max32FastFails++;
            return NONE;
        }
        int from = in32 ? cached32 : cached;
        long retryPfn = tree.hi(from);
        long mask = SizeClass.alignMask(size);
        long pfn = pass(high, startPfn, from, size, mask, modern);
        if (pfn == FAIL && modern && Long.compareUnsigned(retryPfn, high) < 0) {
            int top = tree.ceilingByLo(high);
            pfn = pass(high, retryPfn + 1, top == NIL ? anchor : top, size, mask, true);
        }
        if (pfn == FAIL) {
            if (modern) max32 = size;
            return NONE;
        }
        int node = insert(above, pfn, pfn + size - 1, false);
        if (Long.compareUnsigned(pfn + size - 1, dma32Pfn) < 0) {
            cached32 = node;
        } else {
            cached = node;
        }
        return pfn;
    }

    private long pass(long high, long low, int from, long size, long mask, boolean stopBelowLow) {
        above = NIL;
        return gapSearch ? passByGaps(high, low, from, size, mask, stopBelowLow)
                : passLinear(high, low, from, size, mask, stopBelowLow);
    }

    /** The kernel's walk: down from {@code from}, one predecessor at a time. */
    private long passLinear(long high, long low, int cur, long size, long mask, boolean stopBelowLow) {
        long cand;
        while (true) {
            nodesVisited++;
            long curLo = tree.lo(cur);
            if (Long.compareUnsigned(curLo, high) < 0) high = curLo;
            cand = (high - size) & mask;
            int below = tree.prev(cur);
            if (below == NIL) break;
            if (Long.compareUnsigned(cand, tree.hi(below)) > 0) break;
            if (stopBelowLow && Long.compareUnsigned(cand, low) < 0) break;
            cur = below;
        }
        above = cur;
        return fits(high, cand, size, low) ? cand : FAIL;
    }

    /**
     * The same walk's result, reached by skipping subtrees whose largest gap cannot hold
     * {@code size} pages. A node below the running {@code high} can only stop the walk by
     * fitting, which needs {@code gapBelow >= size}, or because its candidate fell under
     * {@code low} or wrapped: the candidate never rises along the walk, so those nodes are
     * exactly the ones whose {@code lo} is under a threshold, and the highest of them is found
     * directly. Only the lowest node at or above {@code high} sees {@code high} instead of its
     * own {@code lo}, so that stretch is checked first. Work is counted as the nodes the walk
     * visits.
     */
    private long passByGaps(long high, long low, int from, long size, long mask, boolean stopBelowLow) {
        int cur = from;
        long cand = (high - size) & mask;
        if (Long.compareUnsigned(tree.lo(cur), high) >= 0) {
            if (Long.compareUnsigned(high, size) < 0 || (stopBelowLow && Long.compareUnsigned(cand, low) < 0)
                    || tree.prev(cur) == NIL) {
                nodesVisited++;
                above = cur;
                return fits(high, cand, size, low) ? cand : FAIL;
            }
            int x0 = tree.ceilingByLo(high);
            nodesVisited += tree.rank(cur) - tree.rank(x0) + 1;
            int below = tree.prev(x0);
            if (below == NIL || Long.compareUnsigned(cand, tree.hi(below)) > 0) {
                above = x0;
                return fits(high, cand, size, low) ? cand : FAIL;
            }
            cur = below;
        }
        long threshold = stopThreshold(low, size, mask, stopBelowLow);
        while (true) {
            int y = tree.prevWithGap(cur, size);
            // the highest stopping node at or below cur; looked up only when it could come before y
            int lowStop;
            if (Long.compareUnsigned(tree.lo(cur), threshold) < 0) {
                lowStop = cur;
            } else if (y == NIL || Long.compareUnsigned(tree.lo(y), threshold) < 0) {
                lowStop = tree.floorByLo(threshold - 1);
            } else {
                lowStop = NIL;
            }
            if (lowStop != NIL && (y == NIL || Long.compareUnsigned(tree.lo(lowStop), tree.lo(y)) > 0)) {
                nodesVisited += lowStop == cur ? 1 : tree.rank(cur) - tree.rank(lowStop) + 1;
                return stopAt(lowStop, high, size, mask, low);
            }
            nodesVisited += tree.lastWalk();
            if (y == NIL) return stopAt(tree.first(), high, size, mask, low);
            high = tree.lo(y);
            cand = (high - size) & mask;
            int below = tree.prev(y);
            if (Long.compareUnsigned(cand, tree.hi(below)) > 0) {
                above = y;
                return fits(high, cand, size, low) ? cand : FAIL;
            }
            cur = below;
        }
    }

    /**
     * Below which {@code lo} a node stops the walk without fitting: its candidate wraps
     * ({@code lo < size}) or, when the pass stops under {@code low}, falls under it
     * ({@code lo < alignUp(low) + size}).
     */
    private static long stopThreshold(long low, long size, long mask, boolean stopBelowLow) {
        if (!stopBelowLow) return size;
        long alignedLow = (low + ~mask) & mask;
        if (Long.compareUnsigned(alignedLow, low) < 0) return -1L; // aligning wrapped: every node stops
        long t = alignedLow + size;
        if (Long.compareUnsigned(t, alignedLow) < 0) return -1L;
        return Long.compareUnsigned(t, size) > 0 ? t : size;
    }

    private long stopAt(int node, long high, long size, long mask, long low) {
        above = node;
        long lo = tree.lo(node);
        if (Long.compareUnsigned(lo, high) < 0) high = lo;
        long cand = (high - size) & mask;
        return fits(high, cand, size, low) ? cand : FAIL;
    }

    private static boolean fits(long high, long cand, long size, long low) {
        return Long.compareUnsigned(high, size) >= 0 && Long.compareUnsigned(cand, low) >= 0;
    }

    /**
     * The pre-4.15 search (v4.14's "optimised" form, exclusive limit): one cached node for
     * 32-bit requests, no anchor. A 32-bit request restarts below {@code cached32} with that
     * node's {@code lo} as its limit, whatever limit it asked for: that is what the kernel did.
     */
    private long allocLegacy(long size, long limit) {
        long high = limit + 1;
        long savedHigh = high;
        int cur;
        if (Long.compareUnsigned(high, dma32Pfn) > 0 || cached32 == NIL) {
            cur = tree.last();
        } else {
            cur = tree.prev(cached32);
            high = tree.lo(cached32);
        }
        long padMask = SizeClass.ceilPow2(size) - 1;
        long pad = 0;
        boolean found = false;
        while (cur != NIL) {
            nodesVisited++;
            long curLo = tree.lo(cur);
            long curHi = tree.hi(cur);
            if (Long.compareUnsigned(high, curLo) <= 0) {
                cur = tree.prev(cur);
                continue;
            }
            if (Long.compareUnsigned(high, curHi) > 0) {
                pad = (high - size) & padMask;
                if (Long.compareUnsigned(curHi + size + pad, high) < 0) {
                    found = true;
                    break;
                }
            }
            high = curLo;
            cur = tree.prev(cur);
        }
        if (!found) {
            pad = (high - size) & padMask;
            if (Long.compareUnsigned(startPfn + size + pad, high) > 0) return NONE;
        }
        long pfn = high - (size + pad);
        int node = insert(NIL, pfn, pfn + size - 1, false);
        if (savedHigh == dma32Pfn) cached32 = node;
        return pfn;
    }

    /** Links a range into the tree; {@code succ} is its in-order successor when the caller knows it, else NIL. */
    private int insert(int succ, long lo, long hi, boolean reserved) {
        inserts++;
        return tree.insertBefore(succ, lo, hi, reserved);
    }

    // ---------------------------------------------------------------- freeing

    /**
     * free_iova: removes the whole node that contains {@code pfn}. Returns false if no node does
     * (the kernel then does nothing).
     */
    public boolean free(long pfn) {
        int node;
        if (countFreeDescents) {
            node = tree.findCounted(pfn);
            freeNodesVisited += tree.lastDescent();
        } else {
            node = tree.findContaining(pfn);
        }
        if (node == NIL || node == anchor) return false;
        remove(node);
        return true;
    }

    /**
     * iova_magazine_free_pfns for one magazine entry: as {@link #free}, but a pfn no range holds
     * (a caller freed a range twice, or one it never had: free_iova_fast caches it unchecked) is an
     * event. Kernels before v5.9 stop on BUG_ON there; "iommu/iova: Don't BUG on invalid PFNs"
     * (Robin Murphy, commit d3e3d2be688b, v5.9) made it a warning and a skip, which the model does
     * in every preset. The older searches stand for v4.14 and v4.15 - v4.19, the modern one for
     * v5.13 and later, so the search generation tells which kernel this is.
     */
    public boolean freeCached(long pfn) {
        if (free(pfn)) return true;
        boolean bugs = search != Policy.Search.MODERN;
        happened(bugs ? KernelEvent.Kind.BUG_ON_CACHED_PFN : KernelEvent.Kind.WARN_ON_CACHED_PFN, pfn, pfn);
        return false;
    }

    private void remove(int node) {
        int next = tree.next(node);
        switch (search) {
            case LEGACY -> updateCachedOnRemoveLegacy(node, next);
            case CACHED_NODES -> updateCachedOnRemove(node, next, false);
            case MODERN -> updateCachedOnRemove(node, next, true);
            default -> throw new AssertionError(search);
        }
        lastFreedLo = tree.lo(node);
        lastFreedHi = tree.hi(node);
        erases++;
        tree.delete(node);
    }

    private void updateCachedOnRemove(int node, int next, boolean modern) {
        long lo = tree.lo(node);
        long hi = tree.hi(node);
        boolean below32 = Long.compareUnsigned(hi, dma32Pfn) < 0;
        boolean coversCached32 = below32 && Long.compareUnsigned(lo, tree.lo(cached32)) >= 0;
        if (node == cached32 && !coversCached32 && !modern) {
            // v4.15 lacks the "node is cached32" test and would keep a pointer to freed memory
            happened(KernelEvent.Kind.STALE_CACHED32, lo, hi);
        }
        if (node == cached32 || coversCached32) cached32 = next;
        if (modern && Long.compareUnsigned(lo, dma32Pfn) < 0) {
            if (max32 != dma32Pfn) max32Resets++;
            max32 = dma32Pfn;
        }
        if (Long.compareUnsigned(lo, tree.lo(cached)) >= 0) cached = next;
    }

    private void updateCachedOnRemoveLegacy(int node, int next) {
        if (cached32 == NIL) return;
        if (Long.compareUnsigned(tree.lo(node), tree.lo(cached32)) >= 0) {
            cached32 = next != NIL && Long.compareUnsigned(tree.lo(next), dma32Pfn) < 0 ? next : NIL;
        }
    }

    // ---------------------------------------------------------------- reserve

    /**
     * reserve_iova: marks {@code [lo, hi]} used. Overlapped nodes grow downwards in place and
     * keep their identity; what is left is inserted as a new reserved node. Returns false if the
     * kernel would refuse the range (pfns beyond the address space).
     */
    public boolean reserve(long lo, long hi) {
        if (search != Policy.Search.LEGACY && Long.compareUnsigned(lo | hi, -1L >>> granuleShift) > 0) {
            return false;
        }
        // nodes wholly below lo cannot overlap, so the kernel's walk from the first node may start here
        int n = tree.ceilingByLo(lo);
        int p = n == NIL ? tree.last() : tree.prev(n);
        if (p != NIL && Long.compareUnsigned(tree.hi(p), lo) >= 0) n = p;
        boolean overlapped = false;
        for (; n != NIL; n = tree.next(n)) {
            long nLo = tree.lo(n);
            long nHi = tree.hi(n);
            if (Long.compareUnsigned(lo, nHi) <= 0 && Long.compareUnsigned(hi, nLo) >= 0) {
                if (Long.compareUnsigned(lo, nLo) < 0) {
                    tree.lowerLo(n, lo);
                    nLo = lo;
                }
                if (Long.compareUnsigned(hi, nHi) > 0) lo = nHi + 1;
                if (Long.compareUnsigned(lo, nLo) >= 0 && Long.compareUnsigned(hi, nHi) <= 0) return true;
                overlapped = true;
            } else if (overlapped) {
                break;
            }
        }
        insert(NIL, lo, hi, true);
        return true;
    }
}
