package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The in-order threading (prev/next as links) agrees with the tree's order after every insert
 * and delete, as rb_prev/rb_next walk it in drivers/iommu/iova.c; {@link IovaTree#verify}
 * compares links and shape node by node.
 */
class IovaTreeThreadingTest {
    @Test
    void prevAndNextFollowTheRangesInOrderThroughInsertsAndDeletes() {
        SplittableRandom rnd = new SplittableRandom(7);
        IovaTree tree = new IovaTree();
        TreeMap<Long, Integer> byLo = new TreeMap<>(Long::compareUnsigned);
        List<Integer> live = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (live.isEmpty() || rnd.nextInt(100) < 55) {
                long lo = rnd.nextLong(1, 1L << 40) * 4;
                if (byLo.containsKey(lo)) continue;
                int n = tree.insert(lo, lo + 1, false);
                byLo.put(lo, n);
                live.add(n);
            } else {
                int i = rnd.nextInt(live.size());
                int n = live.get(i);
                live.set(i, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                byLo.remove(tree.lo(n));
                tree.delete(n);
            }
            if (step % 500 == 0) tree.verify();
        }
        tree.verify();
        int prev = IovaTree.NIL;
        for (Map.Entry<Long, Integer> e : byLo.entrySet()) {
            int n = e.getValue();
            assertEquals(prev, tree.prev(n), "prev of lo " + e.getKey());
            if (prev != IovaTree.NIL) assertEquals(n, tree.next(prev));
            prev = n;
        }
        assertEquals(IovaTree.NIL, tree.next(prev));
        assertEquals(byLo.firstEntry().getValue(), tree.first());
        assertEquals(byLo.lastEntry().getValue(), tree.last());
    }
}
