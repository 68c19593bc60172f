package dev.iovasim.allocator;

/**
 * The tree's nodes by their {@code lo}: an open-addressing hash table of primitive arrays
 * (linear probing, Fibonacci hashing, deletion by backward shift, at most half full), so that a
 * free, which names the first pfn of its range in every caller, finds its node in one or two
 * memory reads instead of a descent through a tree of 10^5 nodes. It only speeds up
 * {@link IovaTree#findContaining}: a pfn that is no node's {@code lo} still goes down the tree,
 * so the answer (and the kernel's {@code find_iova} it stands for) is unchanged. Work counters
 * never counted this lookup, so they are unchanged too.
 */
final class LoIndex {
    private static final long PHI = 0x9E37_79B9_7F4A_7C15L;
    private long[] keys;
    /** Node ids; {@link IovaTree#NIL} (0) marks an empty slot. */
    private int[] nodes;
    private int shift;
    private int size;

    LoIndex() {
        alloc(1 << 10);
    }

    private void alloc(int capacity) {
        keys = new long[capacity];
        nodes = new int[capacity];
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
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int n = nodes[i];
            if (n == IovaTree.NIL || keys[i] == key) return n;
        }
    }

    /** Records that node {@code node} (not NIL) starts at {@code key}; no other node may. */
    void put(long key, int node) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key);
        while (nodes[i] != IovaTree.NIL) {
            if (keys[i] == key) throw new IllegalStateException("two tree nodes start at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        keys[i] = key;
        nodes[i] = node;
        size++;
    }

    /** Forgets the node at {@code key}, which must be present. */
    void remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key);
        while (keys[i] != key || nodes[i] == IovaTree.NIL) {
            if (nodes[i] == IovaTree.NIL) throw new IllegalStateException("no tree node starts at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        // backward shift: pull later entries of the probe run into the hole when their home slot allows it
        int hole = i;
        for (int j = (hole + 1) & mask; nodes[j] != IovaTree.NIL; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                keys[hole] = keys[j];
                nodes[hole] = nodes[j];
                hole = j;
            }
        }
        nodes[hole] = IovaTree.NIL;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldNodes = nodes;
        alloc(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldNodes[i] != IovaTree.NIL) put(oldKeys[i], oldNodes[i]);
        }
    }
}
