package dev.iovasim.allocator;

/**
 * The tree's nodes by their {@code lo}: an open-addressing hash table (linear probing, Fibonacci
 * hashing, deletion by backward shift, at most half full) whose slots hold the key beside the
 * node id, two adjacent longs, so a probe run stays in one or two cache lines and never reads a
 * node; a free, which names the first pfn of its range in every caller, finds its node in one
 * memory read instead of a descent through a tree of 10^5 nodes. (An earlier form kept only ids
 * and read each probed node's {@code lo}: a cache miss per probe, a fifth of the lazy storage
 * run's samples.) It only speeds up {@link IovaTree#findContaining}: a pfn that is no node's
 * {@code lo} still goes down the tree, so the answer (and the kernel's {@code find_iova} it
 * stands for) is unchanged. Work counters never counted this lookup, so they are unchanged too.
 * While a time series counts each free's descent the tree keeps no index
 * ({@link IovaTree#indexByLo}): the counted descent finds the node itself, and the upkeep (a
 * random slot per insert and delete) was a tenth of the lazy storage run.
 */
final class LoIndex {
    private static final long PHI = 0x9E37_79B9_7F4A_7C15L;
    private final IovaTree tree;
    /** Slot i is {@code slots[2i]} (the key, a node's lo) and {@code slots[2i + 1]} (its node id; {@link IovaTree#NIL} when empty). */
    private long[] slots;
    private int mask;
    private int shift;
    private int size;

    /** An index with room for {@code nodes} nodes before it grows. */
    LoIndex(IovaTree tree, int nodes) {
        this.tree = tree;
        alloc(Math.max(1 << 10, Integer.highestOneBit(Math.max(1, nodes)) << 2));
    }

    private void alloc(int capacity) {
        slots = new long[2 * capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private int slot(long key) {
        return (int) ((key * PHI) >>> shift);
    }

    int size() {
        return size;
    }

    /** The node whose lo is {@code key}, or {@link IovaTree#NIL}. */
    int get(long key) {
        long[] s = slots;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int n = (int) s[2 * i + 1];
            if (n == IovaTree.NIL || s[2 * i] == key) return n;
        }
    }

    /** Records node {@code node} (not NIL), whose lo the tree already holds; no other node may start there. */
    void put(int node) {
        if (2 * (size + 1) > mask + 1) grow();
        place(tree.lo(node), node);
        size++;
    }

    private void place(long key, int node) {
        long[] s = slots;
        int i = slot(key);
        while (s[2 * i + 1] != IovaTree.NIL) {
            if (s[2 * i] == key) throw new IllegalStateException("two tree nodes start at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        s[2 * i] = key;
        s[2 * i + 1] = node;
    }

    /** Forgets node {@code node}, which must be present under its current lo (call before changing it). */
    void remove(int node) {
        long key = tree.lo(node);
        long[] s = slots;
        int i = slot(key);
        while (s[2 * i + 1] != node) {
            if (s[2 * i + 1] == IovaTree.NIL) throw new IllegalStateException("no tree node starts at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        // backward shift: pull later entries of the probe run into the hole when their home slot allows it
        int hole = i;
        for (int j = (hole + 1) & mask; s[2 * j + 1] != IovaTree.NIL; j = (j + 1) & mask) {
            int home = slot(s[2 * j]);
            // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                s[2 * hole] = s[2 * j];
                s[2 * hole + 1] = s[2 * j + 1];
                hole = j;
            }
        }
        s[2 * hole] = 0;
        s[2 * hole + 1] = IovaTree.NIL;
        size--;
    }

    private void grow() {
        long[] old = slots;
        alloc(2 * (mask + 1));
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != IovaTree.NIL) place(old[i], (int) old[i + 1]);
        }
    }
}
