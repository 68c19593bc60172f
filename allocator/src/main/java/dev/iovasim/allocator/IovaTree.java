package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * The red-black tree of allocated ranges, ordered by {@code lo}, kept in primitive arrays.
 *
 * <p>A node is an {@code int} id that stays the same for the node's whole life: the kernel's
 * {@code cached_node} and {@code cached32_node} are references to nodes, and {@code reserve}
 * may lower a referenced node's {@code lo} in place, so ids must never be recycled while the node
 * lives and deletion must relink nodes rather than copy ranges between them.
 *
 * <p>Every node also carries the free run (in pages) between it and its in-order predecessor
 * ({@code gapBelow}, 0 for the lowest node), the largest such run in its subtree ({@code maxGap})
 * and its subtree's node count. The gap-guided search in {@link IovaDomain} uses them to skip
 * subtrees in which nothing of a given size fits, and to count how many nodes the kernel's linear
 * walk would have visited; the plain walk ignores them.
 *
 * <p>The nodes are also threaded in order (a predecessor and successor link per node), so that
 * {@link #prev} and {@link #next} are one array read: the kernel's walks (rb_prev from a cached
 * node, over thousands of nodes under linux-4.14) step through them once per node.
 *
 * <p>All pfn comparisons are unsigned: the anchor lives at 2^64-1.
 */
public final class IovaTree {
    /** The sentinel; also "no node". */
    public static final int NIL = 0;

    // One node is STRIDE consecutive longs, the in-order links included: a search touches one or
    // two cache lines per node instead of one per field. (A node spans two lines unless the array
    // happens to start on one, so fields read together sit side by side: a skipped subtree's
    // largest gap and count, the count walk's parent and count, the children beside both.)
    private static final int LO = 0;
    private static final int HI = 1;
    private static final int GAP = 2;
    private static final int KIDS = 3; // left child in the low 32 bits, right child in the high
    private static final int MAX_GAP = 4;
    private static final int META = 5; // subtree count in the low 32 bits, then the red and reserved bits
    private static final int PARENT = 6;
    private static final int ORDER = 7; // in-order predecessor in the low 32 bits, successor in the high
    // a side is the shift of its child in KIDS (and of its neighbour in ORDER)
    private static final int LEFT = 0;
    private static final int RIGHT = 32;
    private static final long LOW_HALF = 0xffff_ffffL;
    private static final int STRIDE = 8;
    private static final long RED_BIT = 1L << 32;
    private static final long RESERVED_BIT = 1L << 33;
    private static final long COUNT_MASK = 0xffff_ffffL;

    private long[] t;
    private int[] freeIds;
    /**
     * Nodes by lo, so that {@link #findContaining} of a range's first pfn needs no descent; null while
     * frees are counted (see {@link #indexByLo}) and after that until a lookup needs it.
     */
    private LoIndex byLo = new LoIndex(this, 0);
    /** Whether {@link #findContaining} uses {@link #byLo} (built on first use) rather than the counted descent. */
    private boolean indexed = true;
    /** The nodes the last {@link #findCounted} compared. */
    private int lastDescent;
    /** The index was built from the tree and neither has changed since: {@link #verify} has nothing to compare. */
    private boolean indexAsBuilt;

    private int freeCount;
    private int nextId = 1;
    private int root = NIL;
    private int size;
    /** Nodes with the reserved bit (reserve_iova's and the anchor). */
    private int reservedCount;
    private int lastWalk;

    public IovaTree() {
        t = new long[1024 * STRIDE];
        freeIds = new int[64];
    }

    public int size() {
        return size;
    }

    /** How many of the {@link #size} nodes are reserved (the anchor among them). */
    public int reservedCount() {
        return reservedCount;
    }

    public long lo(int n) {
        return t[n * STRIDE + LO];
    }

    public long hi(int n) {
        return t[n * STRIDE + HI];
    }

    public boolean isReserved(int n) {
        return (t[n * STRIDE + META] & RESERVED_BIT) != 0;
    }

    public long maxGap(int n) {
        return t[n * STRIDE + MAX_GAP];
    }

    public long gapBelow(int n) {
        return t[n * STRIDE + GAP];
    }

    public int root() {
        return root;
    }

    public int left(int n) {
        return (int) t[n * STRIDE + KIDS];
    }

    public int right(int n) {
        return (int) (t[n * STRIDE + KIDS] >>> RIGHT);
    }

    public int parent(int n) {
        return (int) t[n * STRIDE + PARENT];
    }

    private void setLeft(int n, int v) {
        setChild(n, LEFT, v);
    }

    private void setRight(int n, int v) {
        setChild(n, RIGHT, v);
    }

    /*
     * Code that is the same for a side and its mirror takes the side: LEFT or RIGHT (where the
     * child sits in a node's KIDS word), other(side) the opposite one.
     */

    private static int other(int side) {
        return LEFT + RIGHT - side;
    }

    private int child(int n, int side) {
        return (int) (t[n * STRIDE + KIDS] >>> side);
    }

    private void setChild(int n, int side, int v) {
        setHalf(n * STRIDE + KIDS, side, v);
    }

    /** Stores node id {@code v} in the half of word {@code i} that {@code side} names. */
    private void setHalf(int i, int side, int v) {
        t[i] = (t[i] & ~(LOW_HALF << side)) | ((v & LOW_HALF) << side);
    }

    private void setParent(int n, int v) {
        t[n * STRIDE + PARENT] = v;
    }

    private boolean red(int n) {
        return (t[n * STRIDE + META] & RED_BIT) != 0;
    }

    private void setRed(int n, boolean r) {
        int i = n * STRIDE + META;
        t[i] = r ? t[i] | RED_BIT : t[i] & ~RED_BIT;
    }

    private int count(int n) {
        return (int) (t[n * STRIDE + META] & COUNT_MASK);
    }

    private void setCount(int n, int c) {
        int i = n * STRIDE + META;
        t[i] = (t[i] & ~COUNT_MASK) | (c & COUNT_MASK);
    }

    // ---------------------------------------------------------------- navigation

    public int first() {
        return root == NIL ? NIL : min(root);
    }

    public int last() {
        return root == NIL ? NIL : max(root);
    }

    private int min(int n) {
        while (left(n) != NIL) n = left(n);
        return n;
    }

    private int max(int n) {
        while (right(n) != NIL) n = right(n);
        return n;
    }

    public int next(int n) {
        return (int) (t[n * STRIDE + ORDER] >>> RIGHT);
    }

    public int prev(int n) {
        return (int) t[n * STRIDE + ORDER];
    }

    private void setNeighbour(int n, int side, int v) {
        setHalf(n * STRIDE + ORDER, side, v);
    }

    private void setNeighbours(int n, int pred, int succ) {
        t[n * STRIDE + ORDER] = (pred & LOW_HALF) | ((succ & LOW_HALF) << RIGHT);
    }

    /**
     * The neighbour on {@code side} (RIGHT: the successor, LEFT: the predecessor) found through the
     * tree's shape, before the threading knows a new node.
     */
    private int structuralNeighbour(int n, int side) {
        int c = child(n, side);
        if (c != NIL) return side == RIGHT ? min(c) : max(c);
        int p = parent(n);
        while (p != NIL && n == child(p, side)) {
            n = p;
            p = parent(p);
        }
        return p;
    }

    /**
     * Keeps (or drops) the index by lo. A free whose descent is counted goes down from the root
     * anyway ({@link #findCounted}), so while frees are counted the index would only cost its
     * upkeep: a random slot on every insert and delete, a tenth of the lazy storage run. Turned
     * back on, it is built from the tree by the first lookup that needs it (a run's end check,
     * which matches its claims against the tree's ranges in address order, needs none when all is
     * well).
     */
    public void indexByLo(boolean on) {
        indexed = on;
        if (!on) byLo = null;
    }

    private void buildIndex() {
        LoIndex index = new LoIndex(this, size);
        // by id, not in order: a sequential read of the nodes instead of a random one per node
        for (int n = 1; n < nextId; n++) {
            if (count(n) != 0) index.put(n); // a released id has count 0, a node at least 1
        }
        byLo = index;
        indexAsBuilt = true;
    }

    /** Whether {@link #findContaining} uses the index by lo. */
    public boolean indexedByLo() {
        return indexed;
    }

    /** The node whose range contains {@code pfn}, or {@link #NIL}. */
    public int findContaining(long pfn) {
        if (!indexed) return findCounted(pfn);
        if (byLo == null) buildIndex();
        int exact = byLo.get(pfn);
        if (exact != NIL) return exact;
        int n = root;
        while (n != NIL) {
            if (Long.compareUnsigned(pfn, lo(n)) < 0) {
                n = left(n);
            } else if (Long.compareUnsigned(pfn, hi(n)) > 0) {
                n = right(n);
            } else {
                return n;
            }
        }
        return NIL;
    }

    /**
     * {@link #findContaining} by private_find_iova's descent from the root, whose length (the nodes
     * it compared: the found node's depth plus one, or the whole fruitless path) {@link #lastDescent}
     * then tells.
     */
    public int findCounted(long pfn) {
        int steps = 0;
        int n = root;
        while (n != NIL) {
            steps++;
            if (Long.compareUnsigned(pfn, lo(n)) < 0) {
                n = left(n);
            } else if (Long.compareUnsigned(pfn, hi(n)) > 0) {
                n = right(n);
            } else {
                break;
            }
        }
        lastDescent = steps;
        return n;
    }

    /** The nodes the last {@link #findCounted} compared. */
    public int lastDescent() {
        return lastDescent;
    }

    /** The highest node with {@code lo <= pfn} (unsigned), or {@link #NIL}. */
    public int floorByLo(long pfn) {
        int n = root;
        int best = NIL;
        while (n != NIL) {
            if (Long.compareUnsigned(lo(n), pfn) <= 0) {
                best = n;
                n = right(n);
            } else {
                n = left(n);
            }
        }
        return best;
    }

    /** The lowest node with {@code lo >= pfn} (unsigned), or {@link #NIL}. */
    public int ceilingByLo(long pfn) {
        int n = root;
        int best = NIL;
        while (n != NIL) {
            if (Long.compareUnsigned(lo(n), pfn) >= 0) {
                best = n;
                n = left(n);
            } else {
                n = right(n);
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- mutation

    /** Links a new range into the tree and returns its id. Ranges must not overlap. */
    public int insert(long pfnLo, long pfnHi, boolean isReserved) {
        return insertBefore(NIL, pfnLo, pfnHi, isReserved);
    }

    /**
     * {@link #insert}, told the node {@code succ} that will follow the new range in order (the node
     * above the gap a search just chose; the kernel's iova_insert_rbtree likewise starts its
     * descent at the node its search stopped at). A new leaf's place is the one empty child slot
     * between its in-order neighbours, so it is found without a descent from the root and the
     * neighbours are known: the tree's shape is the same as after a descent. A hint that does not
     * bracket the range (or NIL) falls back to the descent.
     */
    public int insertBefore(int succ, long pfnLo, long pfnHi, boolean isReserved) {
        int z = newId();
        t[z * STRIDE + LO] = pfnLo;
        t[z * STRIDE + HI] = pfnHi;
        t[z * STRIDE + KIDS] = 0; // both children NIL
        t[z * STRIDE + META] = RED_BIT | (isReserved ? RESERVED_BIT : 0) | 1;
        if (isReserved) reservedCount++;
        if (byLo != null) byLo.put(z);
        indexAsBuilt = false;
        int pred = succ == NIL ? NIL : prev(succ);
        if (succ != NIL && Long.compareUnsigned(pfnHi, lo(succ)) < 0
                && (pred == NIL || Long.compareUnsigned(hi(pred), pfnLo) < 0)) {
            // the empty slot between pred and succ: succ's left if it has none, else pred's right
            if (left(succ) == NIL) {
                setParent(z, succ);
                setLeft(succ, z);
            } else {
                setParent(z, pred);
                setRight(pred, z);
            }
        } else {
            linkByDescent(z, pfnLo);
            // a new leaf's neighbours are among its ancestors: two short walks up
            succ = structuralNeighbour(z, RIGHT);
            pred = structuralNeighbour(z, LEFT);
        }
        size++;
        setNeighbours(z, pred, succ);
        if (pred != NIL) setNeighbour(pred, RIGHT, z);
        if (succ != NIL) setNeighbour(succ, LEFT, z);
        refreshGap(z);
        long succOldGap = gapBelow(succ);
        if (succ != NIL) refreshGap(succ);
        // the lowest node's gap is 0 by definition: when z goes below it, succ's gap grows instead
        if (pred == NIL) {
            recompute(z);
            pullUpSettling(parent(z), succ, false, +1);
        } else {
            pullUpAfterInsert(z, succ, succOldGap);
        }
        insertFixup(z);
        return z;
    }

    private void linkByDescent(int z, long pfnLo) {
        int y = NIL;
        int x = root;
        while (x != NIL) {
            y = x;
            x = Long.compareUnsigned(pfnLo, lo(x)) < 0 ? left(x) : right(x);
        }
        setParent(z, y);
        if (y == NIL) {
            root = z;
        } else if (Long.compareUnsigned(pfnLo, lo(y)) < 0) {
            setLeft(y, z);
        } else {
            setRight(y, z);
        }
    }

    /** Unlinks node {@code z}; its id may be handed out again afterwards. */
    public void delete(int z) {
        if (byLo != null) byLo.remove(z);
        indexAsBuilt = false;
        int succ = next(z);
        int pred = prev(z);
        // unthread first: the successor's gap below is recomputed from its new predecessor
        if (pred != NIL) setNeighbour(pred, RIGHT, succ);
        if (succ != NIL) setNeighbour(succ, LEFT, pred);
        int zParent = parent(z);
        int y = z;
        boolean yWasRed = red(y);
        int x;
        int xParent;
        if (left(z) == NIL) {
            x = right(z);
            xParent = parent(z);
            transplant(z, right(z));
        } else if (right(z) == NIL) {
            x = left(z);
            xParent = parent(z);
            transplant(z, left(z));
        } else {
            y = succ; // the lowest node of z's right subtree, known from the threading without a descent
            yWasRed = red(y);
            x = right(y);
            if (parent(y) == z) {
                xParent = y;
            } else {
                xParent = parent(y);
                transplant(y, right(y));
                setRight(y, right(z));
                setParent(right(y), y);
            }
            transplant(z, y);
            setLeft(y, left(z));
            setParent(left(y), y);
            setRed(y, red(z));
        }
        if (pred != NIL && succ != NIL) {
            long succOldGap = gapBelow(succ);
            refreshGap(succ);
            pullUpAfterInnerDelete(z, y, succ, succOldGap, xParent);
        } else {
            // the successor's gap grew by z's range: one pull-up covers it and the unlinking
            int from = xParent;
            int mustPass = zParent;
            if (succ != NIL) {
                refreshGap(succ);
                if (left(z) == NIL && x != NIL) {
                    from = succ; // the lowest node of z's right subtree, which took z's place: below xParent
                } else if (right(z) == NIL) {
                    mustPass = succ; // an ancestor of z: zParent or above it
                }
            }
            pullUpAfterDelete(from, mustPass);
        }
        if (!yWasRed) deleteFixup(x, xParent);
        size--;
        if (isReserved(z)) reservedCount--;
        releaseId(z);
    }

    /** Lowers a node's {@code lo} in place (what {@code reserve_iova} does to an overlapped node). */
    public void lowerLo(int n, long newLo) {
        if (byLo != null) byLo.remove(n);
        t[n * STRIDE + LO] = newLo;
        if (byLo != null) byLo.put(n);
        indexAsBuilt = false;
        refreshGap(n);
        pullUpWhileChanging(n);
    }

    // ---------------------------------------------------------------- gaps

    private long gapFor(int n) {
        int p = prev(n);
        return p == NIL ? 0 : lo(n) - hi(p) - 1;
    }

    private void refreshGap(int n) {
        t[n * STRIDE + GAP] = gapFor(n);
    }

    // one body reading each child once: split into helpers it measured 0.91x on the lazy storage run
    private void recompute(int n) {
        long m = gapBelow(n);
        int c = 1;
        int l = left(n);
        int r = right(n);
        if (l != NIL) {
            if (Long.compareUnsigned(maxGap(l), m) > 0) m = maxGap(l);
            c += count(l);
        }
        if (r != NIL) {
            if (Long.compareUnsigned(maxGap(r), m) > 0) m = maxGap(r);
            c += count(r);
        }
        t[n * STRIDE + MAX_GAP] = m;
        setCount(n, c);
    }

    /** In-order position of {@code n}, 0 for the lowest node. */
    public int rank(int n) {
        int r = left(n) == NIL ? 0 : count(left(n));
        while (parent(n) != NIL) {
            int p = parent(n);
            if (n == right(p)) r += 1 + (left(p) == NIL ? 0 : count(left(p)));
            n = p;
        }
        return r;
    }

    /**
     * The highest node at or below {@code start} in address order whose {@code gapBelow} is at
     * least {@code size} pages, or {@link #NIL}. Sets {@link #lastWalk} to the number of nodes a
     * one-by-one walk down from {@code start} would have visited to get there (to the lowest node
     * when there is none): skipped subtrees are counted from their sizes.
     */
    public int prevWithGap(int start, long size) {
        int n = start;
        lastWalk = 1;
        if (Long.compareUnsigned(gapBelow(n), size) >= 0) return n;
        while (true) {
            int l = left(n);
            if (l != NIL && Long.compareUnsigned(maxGap(l), size) >= 0) return highestWithGap(l, size);
            if (l != NIL) lastWalk += count(l);
            while (parent(n) != NIL && n == left(parent(n))) n = parent(n);
            n = parent(n);
            if (n == NIL) return NIL;
            lastWalk++;
            if (Long.compareUnsigned(gapBelow(n), size) >= 0) return n;
        }
    }

    /** Nodes the kernel's walk would have visited in the last {@link #prevWithGap}. */
    public int lastWalk() {
        return lastWalk;
    }

    private int highestWithGap(int t, long size) {
        while (true) {
            int r = right(t);
            if (r != NIL && Long.compareUnsigned(maxGap(r), size) >= 0) {
                t = r;
                continue;
            }
            if (r != NIL) lastWalk += count(r);
            lastWalk++;
            if (Long.compareUnsigned(gapBelow(t), size) >= 0) return t;
            t = left(t);
        }
    }

    /**
     * The recompute of every ancestor after linking leaf {@code z} whose successor {@code succ} (an ancestor, or
     * NIL) got a smaller gap ({@code succOldGap} before, z's predecessor not NIL): every ancestor
     * counts one more node, but the largest gaps can only change up to {@code succ} and then where
     * the old gap may have been the largest.
     */
    private void pullUpAfterInsert(int z, int succ, long succOldGap) {
        recompute(z);
        // succ is z's lowest ancestor holding it on the left (a new leaf's successor always is): the
        // nodes below succ on the way only gained z, so each one's largest gap is the larger of its
        // own and z's, without reading the child off the path (a cache miss each)
        long g = gapBelow(z);
        int n = parent(z);
        for (; n != succ && n != NIL; n = parent(n)) {
            int i = n * STRIDE + MAX_GAP;
            if (Long.compareUnsigned(g, t[i]) > 0) t[i] = g;
            setCount(n, count(n) + 1);
        }
        // from succ up, each subtree traded succ's old gap for two that sum to less (z's and
        // succ's new one): a largest gap above the old one stays, with no read of the child off the
        // path; only a node whose largest gap was that old gap is recomputed
        for (; n != NIL; n = parent(n)) {
            long oldMax = maxGap(n);
            if (Long.compareUnsigned(oldMax, succOldGap) > 0) break;
            recompute(n);
            if (maxGap(n) == oldMax) {
                n = parent(n);
                break;
            }
        }
        for (; n != NIL; n = parent(n)) setCount(n, count(n) + 1);
    }

    /**
     * The pull-up after unlinking {@code z}, which had a node on either side: its successor's gap
     * grew by z's range and z's gap, so it is larger than both, and a subtree that held z and its
     * successor (or only the successor) has as its largest gap the larger of its old one and that
     * grown gap, with no read of the child off the path (a cache miss each). Only subtrees that lost
     * a node alone (z, or the successor moved up into z's place) may have lost their largest gap,
     * and are recomputed while it could have been the one lost.
     *
     * @param y       the node that took z's place: z's successor when z had two children, else z
     * @param xParent where the tree changed lowest when z had two children (the successor's old
     *                parent, or the successor itself)
     */
    private void pullUpAfterInnerDelete(int z, int y, int succ, long succOldGap, int xParent) {
        long grown = gapBelow(succ);
        int zParent = parent(y); // y == z still has its old parent; a successor took z's
        if (y != z) {
            // the nodes between the successor's old place and z's lost the successor
            pullUpLosing(xParent, y, succOldGap);
            // the successor in z's place holds z's subtree without z
            long m = maxGap(z);
            t[y * STRIDE + MAX_GAP] = Long.compareUnsigned(grown, m) > 0 ? grown : m;
            setCount(y, count(z) - 1);
            pullUpGrowing(parent(y), NIL, grown, -1);
        } else if (right(z) != NIL) {
            // z's right subtree took its place, the successor (its lowest node) inside it
            pullUpGrowing(succ, zParent, grown, 0);
            pullUpGrowing(zParent, NIL, grown, -1);
        } else {
            // the successor is an ancestor of z: below it the subtrees lost z alone
            pullUpLosing(zParent, succ, gapBelow(z));
            pullUpGrowing(succ, NIL, grown, -1);
        }
    }

    /**
     * From {@code n} up to (without) {@code stop}: each subtree lost one node whose gap was
     * {@code lost} pages. A largest gap above that stays (and so do the ones above it); one that
     * could have been it is recomputed.
     */
    private void pullUpLosing(int n, int stop, long lost) {
        boolean settled = false;
        for (; n != stop; n = parent(n)) {
            if (settled) {
                setCount(n, count(n) - 1);
                continue;
            }
            long oldMax = maxGap(n);
            if (Long.compareUnsigned(oldMax, lost) > 0) {
                settled = true;
                setCount(n, count(n) - 1);
                continue;
            }
            recompute(n);
            settled = maxGap(n) == oldMax;
        }
    }

    /** From {@code n} up to (without) {@code stop}: each subtree's largest gap is at least {@code grown}, its count moves by {@code countDelta}. */
    private void pullUpGrowing(int n, int stop, long grown, int countDelta) {
        for (; n != stop; n = parent(n)) {
            int i = n * STRIDE + MAX_GAP;
            if (Long.compareUnsigned(grown, t[i]) > 0) t[i] = grown;
            if (countDelta != 0) setCount(n, count(n) + countDelta);
        }
    }

    /**
     * The recompute of every ancestor after unlinking a node: every node from {@code from} (the lowest node whose
     * children or gap changed) up to {@code mustPass} (the unlinked node's parent, or its successor
     * whose gap grew when that is higher) is recomputed, and above it until a largest gap is
     * unchanged. When the root was unlinked ({@code mustPass} NIL) its successor moved to the top
     * and the whole path is recomputed.
     */
    private void pullUpAfterDelete(int from, int mustPass) {
        pullUpSettling(from, mustPass, false, -1);
    }

    /**
     * Recomputes from {@code n} upwards until {@code mustPass} is behind and a recompute leaves a
     * node's largest gap unchanged; above that only the node count moves by {@code countDelta},
     * which reads no sibling (the walk's cache misses).
     */
    private void pullUpSettling(int n, int mustPass, boolean passed, int countDelta) {
        boolean gapsSettled = false;
        for (; n != NIL; n = parent(n)) {
            if (gapsSettled) {
                setCount(n, count(n) + countDelta);
                continue;
            }
            long oldMax = maxGap(n);
            recompute(n);
            if (n == mustPass) passed = true;
            gapsSettled = passed && maxGap(n) == oldMax;
        }
    }

    /** The ancestors' recompute after a change that leaves the tree's shape alone: stops where nothing changes. */
    private void pullUpWhileChanging(int n) {
        while (n != NIL) {
            long oldMax = maxGap(n);
            int oldCount = count(n);
            recompute(n);
            if (maxGap(n) == oldMax && count(n) == oldCount) {
                return;
            }
            n = parent(n);
        }
    }

    // ---------------------------------------------------------------- red-black machinery

    private void transplant(int u, int v) {
        int p = parent(u);
        if (p == NIL) {
            root = v;
        } else if (u == left(p)) {
            setLeft(p, v);
        } else {
            setRight(p, v);
        }
        if (v != NIL) setParent(v, p);
    }

    /*
     * The rebalancing below is written once for a side and its mirror (see child): the classic
     * left/right pairs of cases are the same steps with the sides swapped.
     */

    /** Rotates x down towards {@code side}: its child on the other side takes its place. */
    private void rotate(int x, int side) {
        int opp = other(side);
        int y = child(x, opp);
        setChild(x, opp, child(y, side));
        if (child(y, side) != NIL) setParent(child(y, side), x);
        setParent(y, parent(x));
        if (parent(x) == NIL) {
            root = y;
        } else if (x == left(parent(x))) {
            setLeft(parent(x), y);
        } else {
            setRight(parent(x), y);
        }
        setChild(y, side, x);
        setParent(x, y);
        recompute(x);
        recompute(y);
    }

    private void insertFixup(int z) {
        while (red(parent(z))) {
            int p = parent(z);
            int g = parent(p);
            int side = p == left(g) ? LEFT : RIGHT;
            int opp = other(side);
            int u = child(g, opp);
            if (red(u)) {
                setRed(p, false);
                setRed(u, false);
                setRed(g, true);
                z = g;
            } else {
                if (z == child(p, opp)) {
                    z = p;
                    rotate(z, side);
                    p = parent(z);
                    g = parent(p);
                }
                setRed(p, false);
                setRed(g, true);
                rotate(g, opp);
            }
        }
        setRed(root, false);
    }

    private void deleteFixup(int x, int xParent) {
        while (x != root && !red(x)) {
            int side = x == left(xParent) ? LEFT : RIGHT;
            int opp = other(side);
            int w = child(xParent, opp);
            if (red(w)) {
                setRed(w, false);
                setRed(xParent, true);
                rotate(xParent, side);
                w = child(xParent, opp);
            }
            if (!red(child(w, side)) && !red(child(w, opp))) {
                setRed(w, true);
                x = xParent;
                xParent = parent(x);
            } else {
                if (!red(child(w, opp))) {
                    setRed(child(w, side), false);
                    setRed(w, true);
                    rotate(w, opp);
                    w = child(xParent, opp);
                }
                setRed(w, red(xParent));
                setRed(xParent, false);
                setRed(child(w, opp), false);
                rotate(xParent, side);
                x = root;
            }
        }
        setRed(x, false);
    }

    // ---------------------------------------------------------------- ids

    private int newId() {
        if (freeCount > 0) return freeIds[--freeCount];
        if ((nextId + 1) * STRIDE > t.length) {
            t = Arrays.copyOf(t, t.length * 2);
        }
        return nextId++;
    }

    private void releaseId(int id) {
        Arrays.fill(t, id * STRIDE, (id + 1) * STRIDE, 0L);
        if (freeCount == freeIds.length) freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        freeIds[freeCount++] = id;
    }

    /**
     * Checks ordering, colours, links and gap bookkeeping; for tests and the conservation check.
     * One recursive in-order pass checks every node's children and its in-order neighbour (the
     * conservation check runs it at the end of every run: several passes over 10^5 nodes showed in
     * the profile).
     */
    public void verify() {
        verify(null);
    }

    /**
     * {@link #verify}, which also lists the first pfn of every range not reserved, in address order
     * (one read of each node the in-order pass reads anyway).
     */
    public long[] verifiedAllocatedLos() {
        long[] los = new long[size - reservedCount];
        verify(los);
        return los;
    }

    private void verify(long[] allocatedLos) {
        if (red(NIL)) throw new IllegalStateException("sentinel turned red");
        if (root != NIL && red(root)) throw new IllegalStateException("red root");
        if (root != NIL && parent(root) != NIL) throw new IllegalStateException("the root has a parent");
        Verifier v = new Verifier(allocatedLos);
        v.blackHeight(root);
        if (next(v.last) != NIL) throw new IllegalStateException("node " + v.last + "'s in-order links disagree with the tree");
        if (v.count != size) throw new IllegalStateException("size " + size + " but " + v.count + " nodes");
        if (v.reserved != reservedCount) throw new IllegalStateException(reservedCount + " reserved nodes counted but " + v.reserved + " found");
        if (byLo != null && byLo.size() != size) throw new IllegalStateException("index by lo has " + byLo.size() + " nodes, tree " + size);
    }

    /** The state of {@link #verify}'s in-order pass. */
    private final class Verifier {
        /** Where to list the allocated ranges' lo, or null. */
        private final long[] los;
        private int last = NIL;
        private int count;
        private int reserved;

        Verifier(long[] los) {
            this.los = los;
        }

        /** Checks the subtree at {@code n} (its children's fields are checked first) and returns its black height. */
        int blackHeight(int n) {
            if (n == NIL) return 1;
            int l = left(n);
            int r = right(n);
            if (red(n) && (red(l) || red(r))) throw new IllegalStateException("red-red at " + n);
            if ((l != NIL && parent(l) != n) || (r != NIL && parent(r) != n)) {
                throw new IllegalStateException("node " + n + "'s children do not name it as their parent");
            }
            int lh = blackHeight(l);
            visitInOrder(n);
            int rh = blackHeight(r);
            if (lh != rh) throw new IllegalStateException("black height differs at " + n);
            checkGaps(n);
            return lh + (red(n) ? 0 : 1);
        }

        private void visitInOrder(int n) {
            if (prev(n) != last || (last != NIL && next(last) != n)) {
                throw new IllegalStateException("node " + n + "'s in-order links disagree with the tree");
            }
            if (Long.compareUnsigned(lo(n), hi(n)) > 0) throw new IllegalStateException("node " + n + " has lo > hi");
            if (byLo != null && !indexAsBuilt && byLo.get(lo(n)) != n) throw new IllegalStateException("node " + n + " is missing from the index by lo");
            if (last != NIL && Long.compareUnsigned(lo(n), hi(last)) <= 0) {
                throw new IllegalStateException("ranges overlap or are out of order at lo=" + lo(n));
            }
            if (isReserved(n)) {
                reserved++;
            } else if (los != null) {
                // reserved count checked after the pass; a wrong one must not overflow the list
                if (count - reserved >= los.length) throw new IllegalStateException("more unreserved nodes than size " + size + " less " + reservedCount + " reserved");
                los[count - reserved] = lo(n);
            }
            last = n;
            count++;
        }

        /** n's gap, largest gap and count against its own range and its (already checked) children's fields. */
        private void checkGaps(int n) {
            if (gapFor(n) != gapBelow(n)) throw new IllegalStateException("stale gap at node lo=" + lo(n));
            long storedMax = maxGap(n);
            int storedCount = count(n);
            recompute(n); // what they should be, from n's gap and its children's checked fields
            boolean maxRight = maxGap(n) == storedMax;
            boolean countRight = count(n) == storedCount;
            t[n * STRIDE + MAX_GAP] = storedMax; // leave the tree as it was found
            setCount(n, storedCount);
            if (!maxRight) throw new IllegalStateException("stale max gap at node lo=" + lo(n));
            if (!countRight) throw new IllegalStateException("stale count at node lo=" + lo(n));
        }
    }
}
