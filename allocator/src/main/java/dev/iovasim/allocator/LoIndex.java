package dev.iovasim.allocator;

/**
 * The tree's nodes by their {@code lo}: an open-addressing hash table of node ids (linear
 * probing, Fibonacci hashing, deletion by backward shift, at most half full) whose keys are read
 * from the nodes themselves, so one slot array is all it adds to a node's memory traffic; a
 * free, which names the first pfn of its range in every caller, finds its node in one or two
 * memory reads instead of a descent through a tree of 10^5 nodes. It only speeds up
 * {@link IovaTree#findContaining}: a pfn that is no node's {@code lo} still goes down the tree,
 * so the answer (and the kernel's {@code find_iova} it stands for) is unchanged. Work counters
 * never counted this lookup, so they are unchanged too.
 */
final class LoIndex {
    private static final long PHI = 0x9E37_79B9_7F4A_7C15L;
    private final IovaTree tree;
    /** Node ids; {@link IovaTree#NIL} (0) marks an empty slot. A slot's key is its node's lo. */
    private int[] nodes;
    private int shift;
    private int size;

    LoIndex(IovaTree tree) {
        this.tree = tree;
        alloc(1 << 10);
    }

    private void alloc(int capacity) {
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
        int mask = nodes.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int n = nodes[i];
            if (n == IovaTree.NIL || tree.lo(n) == key) return n;
        }
    }

    /** Records node {@code node} (not NIL), whose lo the tree already holds; no other node may start there. */
    void put(int node) {
        if (2 * (size + 1) > nodes.length) grow();
        long key = tree.lo(node);
        int mask = nodes.length - 1;
        int i = slot(key);
        while (nodes[i] != IovaTree.NIL) {
            if (tree.lo(nodes[i]) == key) throw new IllegalStateException("two tree nodes start at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        nodes[i] = node;
        size++;
    }

    /** Forgets node {@code node}, which must be present under its current lo (call before changing it). */
    void remove(int node) {
        long key = tree.lo(node);
        int mask = nodes.length - 1;
        int i = slot(key);
        while (nodes[i] != node) {
            if (nodes[i] == IovaTree.NIL) throw new IllegalStateException("no tree node starts at pfn " + Long.toUnsignedString(key));
            i = (i + 1) & mask;
        }
        // backward shift: pull later entries of the probe run into the hole when their home slot allows it
        int hole = i;
        for (int j = (hole + 1) & mask; nodes[j] != IovaTree.NIL; j = (j + 1) & mask) {
            int home = slot(tree.lo(nodes[j]));
            // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                nodes[hole] = nodes[j];
                hole = j;
            }
        }
        nodes[hole] = IovaTree.NIL;
        size--;
    }

    private void grow() {
        int[] oldNodes = nodes;
        alloc(nodes.length * 2);
        size = 0;
        for (int n : oldNodes) {
            if (n != IovaTree.NIL) put(n);
        }
    }
}
