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
 * <p>All pfn comparisons are unsigned: the anchor lives at 2^64-1.
 */
public final class IovaTree {
    /** The sentinel; also "no node". */
    public static final int NIL = 0;

    private long[] lo;
    private long[] hi;
    private long[] gapBelow; // free pages between this node's lo and its predecessor's hi (or start)
    private long[] maxGap;   // max gapBelow over the subtree
    private int[] left;
    private int[] right;
    private int[] parent;
    private boolean[] red;
    private boolean[] reserved;
    private int[] freeIds;
    private int freeCount;
    private int nextId = 1;
    private int root = NIL;
    private int size;
    private int[] count;

    public IovaTree() {
        int cap = 1024;
        lo = new long[cap];
        hi = new long[cap];
        gapBelow = new long[cap];
        maxGap = new long[cap];
        count = new int[cap];
        left = new int[cap];
        right = new int[cap];
        parent = new int[cap];
        red = new boolean[cap];
        reserved = new boolean[cap];
        freeIds = new int[64];
    }

    public int size() {
        return size;
    }

    public long lo(int n) {
        return lo[n];
    }

    public long hi(int n) {
        return hi[n];
    }

    public boolean isReserved(int n) {
        return reserved[n];
    }

    public long maxGap(int n) {
        return maxGap[n];
    }

    public long gapBelow(int n) {
        return gapBelow[n];
    }

    public int root() {
        return root;
    }

    public int left(int n) {
        return left[n];
    }

    public int right(int n) {
        return right[n];
    }

    public int parent(int n) {
        return parent[n];
    }

    // ---------------------------------------------------------------- navigation

    public int first() {
        return root == NIL ? NIL : min(root);
    }

    public int last() {
        return root == NIL ? NIL : max(root);
    }

    private int min(int n) {
        while (left[n] != NIL) n = left[n];
        return n;
    }

    private int max(int n) {
        while (right[n] != NIL) n = right[n];
        return n;
    }

    public int next(int n) {
        if (right[n] != NIL) return min(right[n]);
        int p = parent[n];
        while (p != NIL && n == right[p]) {
            n = p;
            p = parent[p];
        }
        return p;
    }

    public int prev(int n) {
        if (left[n] != NIL) return max(left[n]);
        int p = parent[n];
        while (p != NIL && n == left[p]) {
            n = p;
            p = parent[p];
        }
        return p;
    }

    /** The node whose range contains {@code pfn}, or {@link #NIL}. */
    public int findContaining(long pfn) {
        int n = root;
        while (n != NIL) {
            if (Long.compareUnsigned(pfn, lo[n]) < 0) {
                n = left[n];
            } else if (Long.compareUnsigned(pfn, hi[n]) > 0) {
                n = right[n];
            } else {
                return n;
            }
        }
        return NIL;
    }

    /** The lowest node with {@code lo >= pfn} (unsigned), or {@link #NIL}. */
    public int ceilingByLo(long pfn) {
        int n = root;
        int best = NIL;
        while (n != NIL) {
            if (Long.compareUnsigned(lo[n], pfn) >= 0) {
                best = n;
                n = left[n];
            } else {
                n = right[n];
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- mutation

    /** Links a new range into the tree and returns its id. Ranges must not overlap. */
    public int insert(long pfnLo, long pfnHi, boolean isReserved) {
        int z = newId();
        lo[z] = pfnLo;
        hi[z] = pfnHi;
        reserved[z] = isReserved;
        left[z] = NIL;
        right[z] = NIL;
        red[z] = true;
        int y = NIL;
        int x = root;
        while (x != NIL) {
            y = x;
            x = Long.compareUnsigned(pfnLo, lo[x]) < 0 ? left[x] : right[x];
        }
        parent[z] = y;
        if (y == NIL) {
            root = z;
        } else if (Long.compareUnsigned(pfnLo, lo[y]) < 0) {
            left[y] = z;
        } else {
            right[y] = z;
        }
        size++;
        int succ = next(z);
        refreshGap(z);
        pullUp(z);
        if (succ != NIL) {
            refreshGap(succ);
            pullUp(succ);
        }
        insertFixup(z);
        return z;
    }

    /** Unlinks node {@code z}; its id may be handed out again afterwards. */
    public void delete(int z) {
        int succ = next(z);
        int y = z;
        boolean yWasRed = red[y];
        int x;
        int xParent;
        if (left[z] == NIL) {
            x = right[z];
            xParent = parent[z];
            transplant(z, right[z]);
        } else if (right[z] == NIL) {
            x = left[z];
            xParent = parent[z];
            transplant(z, left[z]);
        } else {
            y = min(right[z]);
            yWasRed = red[y];
            x = right[y];
            if (parent[y] == z) {
                xParent = y;
            } else {
                xParent = parent[y];
                transplant(y, right[y]);
                right[y] = right[z];
                parent[right[y]] = y;
            }
            transplant(z, y);
            left[y] = left[z];
            parent[left[y]] = y;
            red[y] = red[z];
        }
        pullUp(xParent);
        if (y != z) pullUp(y);
        if (succ != NIL) {
            refreshGap(succ);
            pullUp(succ);
        }
        if (!yWasRed) deleteFixup(x, xParent);
        size--;
        releaseId(z);
    }

    /** Lowers a node's {@code lo} in place (what {@code reserve_iova} does to an overlapped node). */
    public void lowerLo(int n, long newLo) {
        lo[n] = newLo;
        refreshGap(n);
        pullUp(n);
    }

    // ---------------------------------------------------------------- gaps

    private long gapFor(int n) {
        int p = prev(n);
        return p == NIL ? 0 : lo[n] - hi[p] - 1;
    }

    private void refreshGap(int n) {
        gapBelow[n] = gapFor(n);
    }

    private void recompute(int n) {
        long m = gapBelow[n];
        int c = 1;
        int l = left[n];
        int r = right[n];
        if (l != NIL) {
            if (Long.compareUnsigned(maxGap[l], m) > 0) m = maxGap[l];
            c += count[l];
        }
        if (r != NIL) {
            if (Long.compareUnsigned(maxGap[r], m) > 0) m = maxGap[r];
            c += count[r];
        }
        maxGap[n] = m;
        count[n] = c;
    }

    /** In-order position of {@code n}, 0 for the lowest node. */
    public int rank(int n) {
        int r = left[n] == NIL ? 0 : count[left[n]];
        while (parent[n] != NIL) {
            int p = parent[n];
            if (n == right[p]) r += 1 + (left[p] == NIL ? 0 : count[left[p]]);
            n = p;
        }
        return r;
    }

    /**
     * The highest node at or below {@code start} in address order whose {@code gapBelow} is at
     * least {@code size} pages, or {@link #NIL}.
     */
    public int prevWithGap(int start, long size) {
        int n = start;
        if (Long.compareUnsigned(gapBelow[n], size) >= 0) return n;
        while (true) {
            int l = left[n];
            if (l != NIL && Long.compareUnsigned(maxGap[l], size) >= 0) return highestWithGap(l, size);
            while (parent[n] != NIL && n == left[parent[n]]) n = parent[n];
            n = parent[n];
            if (n == NIL) return NIL;
            if (Long.compareUnsigned(gapBelow[n], size) >= 0) return n;
        }
    }

    private int highestWithGap(int t, long size) {
        while (true) {
            int r = right[t];
            if (r != NIL && Long.compareUnsigned(maxGap[r], size) >= 0) {
                t = r;
            } else if (Long.compareUnsigned(gapBelow[t], size) >= 0) {
                return t;
            } else {
                t = left[t];
            }
        }
    }

    private void pullUp(int n) {
        while (n != NIL) {
            recompute(n);
            n = parent[n];
        }
    }

    // ---------------------------------------------------------------- red-black machinery

    private void transplant(int u, int v) {
        int p = parent[u];
        if (p == NIL) {
            root = v;
        } else if (u == left[p]) {
            left[p] = v;
        } else {
            right[p] = v;
        }
        if (v != NIL) parent[v] = p;
    }

    private void rotateLeft(int x) {
        int y = right[x];
        right[x] = left[y];
        if (left[y] != NIL) parent[left[y]] = x;
        parent[y] = parent[x];
        if (parent[x] == NIL) {
            root = y;
        } else if (x == left[parent[x]]) {
            left[parent[x]] = y;
        } else {
            right[parent[x]] = y;
        }
        left[y] = x;
        parent[x] = y;
        recompute(x);
        recompute(y);
    }

    private void rotateRight(int x) {
        int y = left[x];
        left[x] = right[y];
        if (right[y] != NIL) parent[right[y]] = x;
        parent[y] = parent[x];
        if (parent[x] == NIL) {
            root = y;
        } else if (x == right[parent[x]]) {
            right[parent[x]] = y;
        } else {
            left[parent[x]] = y;
        }
        right[y] = x;
        parent[x] = y;
        recompute(x);
        recompute(y);
    }

    private void insertFixup(int z) {
        while (red[parent[z]]) {
            int p = parent[z];
            int g = parent[p];
            if (p == left[g]) {
                int u = right[g];
                if (red[u]) {
                    red[p] = false;
                    red[u] = false;
                    red[g] = true;
                    z = g;
                } else {
                    if (z == right[p]) {
                        z = p;
                        rotateLeft(z);
                        p = parent[z];
                        g = parent[p];
                    }
                    red[p] = false;
                    red[g] = true;
                    rotateRight(g);
                }
            } else {
                int u = left[g];
                if (red[u]) {
                    red[p] = false;
                    red[u] = false;
                    red[g] = true;
                    z = g;
                } else {
                    if (z == left[p]) {
                        z = p;
                        rotateRight(z);
                        p = parent[z];
                        g = parent[p];
                    }
                    red[p] = false;
                    red[g] = true;
                    rotateLeft(g);
                }
            }
        }
        red[root] = false;
    }

    private void deleteFixup(int x, int xParent) {
        while (x != root && !red[x]) {
            if (x == left[xParent]) {
                int w = right[xParent];
                if (red[w]) {
                    red[w] = false;
                    red[xParent] = true;
                    rotateLeft(xParent);
                    w = right[xParent];
                }
                if (!red[left[w]] && !red[right[w]]) {
                    red[w] = true;
                    x = xParent;
                    xParent = parent[x];
                } else {
                    if (!red[right[w]]) {
                        red[left[w]] = false;
                        red[w] = true;
                        rotateRight(w);
                        w = right[xParent];
                    }
                    red[w] = red[xParent];
                    red[xParent] = false;
                    red[right[w]] = false;
                    rotateLeft(xParent);
                    x = root;
                }
            } else {
                int w = left[xParent];
                if (red[w]) {
                    red[w] = false;
                    red[xParent] = true;
                    rotateRight(xParent);
                    w = left[xParent];
                }
                if (!red[right[w]] && !red[left[w]]) {
                    red[w] = true;
                    x = xParent;
                    xParent = parent[x];
                } else {
                    if (!red[left[w]]) {
                        red[right[w]] = false;
                        red[w] = true;
                        rotateLeft(w);
                        w = left[xParent];
                    }
                    red[w] = red[xParent];
                    red[xParent] = false;
                    red[left[w]] = false;
                    rotateRight(xParent);
                    x = root;
                }
            }
        }
        red[x] = false;
    }

    // ---------------------------------------------------------------- ids

    private int newId() {
        if (freeCount > 0) return freeIds[--freeCount];
        if (nextId == lo.length) grow();
        return nextId++;
    }

    private void releaseId(int id) {
        left[id] = NIL;
        right[id] = NIL;
        parent[id] = NIL;
        red[id] = false;
        if (freeCount == freeIds.length) freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        freeIds[freeCount++] = id;
    }

    private void grow() {
        int cap = lo.length * 2;
        lo = Arrays.copyOf(lo, cap);
        hi = Arrays.copyOf(hi, cap);
        gapBelow = Arrays.copyOf(gapBelow, cap);
        maxGap = Arrays.copyOf(maxGap, cap);
        count = Arrays.copyOf(count, cap);
        left = Arrays.copyOf(left, cap);
        right = Arrays.copyOf(right, cap);
        parent = Arrays.copyOf(parent, cap);
        red = Arrays.copyOf(red, cap);
        reserved = Arrays.copyOf(reserved, cap);
    }

    /** Checks ordering, colours and gap bookkeeping; for tests and the conservation check. */
    public void verify() {
        if (red[NIL]) throw new IllegalStateException("sentinel turned red");
        if (root != NIL && red[root]) throw new IllegalStateException("red root");
        int count = 0;
        long prevHi = 0;
        boolean havePrev = false;
        for (int n = first(); n != NIL; n = next(n)) {
            if (Long.compareUnsigned(lo[n], hi[n]) > 0) {
                throw new IllegalStateException("node " + n + " has lo > hi");
            }
            if (havePrev && Long.compareUnsigned(lo[n], prevHi) <= 0) {
                throw new IllegalStateException("ranges overlap or are out of order at lo=" + lo[n]);
            }
            prevHi = hi[n];
            havePrev = true;
            count++;
        }
        if (count != size) throw new IllegalStateException("size " + size + " but " + count + " nodes");
        if (root != NIL) blackHeight(root);
        if (root != NIL) checkGaps(root);
    }

    private int blackHeight(int n) {
        if (n == NIL) return 1;
        if (red[n] && (red[left[n]] || red[right[n]])) throw new IllegalStateException("red-red at " + n);
        int l = blackHeight(left[n]);
        int r = blackHeight(right[n]);
        if (l != r) throw new IllegalStateException("black height differs at " + n);
        return l + (red[n] ? 0 : 1);
    }

    private long checkGaps(int n) {
        long g = gapFor(n);
        if (g != gapBelow[n]) throw new IllegalStateException("stale gap at node lo=" + lo[n]);
        long m = g;
        int c = 1;
        if (left[n] != NIL) {
            long lm = checkGaps(left[n]);
            if (Long.compareUnsigned(lm, m) > 0) m = lm;
            c += count[left[n]];
        }
        if (right[n] != NIL) {
            long rm = checkGaps(right[n]);
            if (Long.compareUnsigned(rm, m) > 0) m = rm;
            c += count[right[n]];
        }
        if (m != maxGap[n]) throw new IllegalStateException("stale max gap at node lo=" + lo[n]);
        if (c != count[n]) throw new IllegalStateException("stale count at node lo=" + lo[n]);
        return m;
    }
}
