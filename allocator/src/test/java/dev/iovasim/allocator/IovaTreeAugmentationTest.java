package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each node's largest gap and subtree count stay exact through inserts and deletes when the
 * pull-up stops recomputing gaps early ({@link IovaTree#verify} recomputes them all), and a
 * rank (what the gap search's work count is made of) is the node's in-order position. Ranges
 * on a small grid make many equal gaps, the case where stopping too early would go unseen by a
 * changed maximum; deletes of the root and of nodes with two children move nodes around.
 */
class IovaTreeAugmentationTest {
    @Test
    void gapsAndCountsStayExactAfterEveryInsertAndDelete() {
        SplittableRandom rnd = new SplittableRandom(5);
        IovaTree tree = new IovaTree();
        TreeSet<Long> used = new TreeSet<>();
        List<Integer> live = new ArrayList<>();
        for (int step = 0; step < 6000; step++) {
            if (live.isEmpty() || rnd.nextInt(100) < 52) {
                long lo = rnd.nextLong(1, 600) * 8;
                if (!used.add(lo)) continue;
                live.add(tree.insert(lo, lo + rnd.nextInt(1, 8), false));
            } else {
                int i = rnd.nextInt(live.size());
                int n = rnd.nextInt(20) == 0 ? tree.root() : live.get(i);
                live.remove(Integer.valueOf(n));
                used.remove(tree.lo(n));
                tree.delete(n);
            }
            tree.verify();
            if (!live.isEmpty() && rnd.nextInt(4) == 0) {
                int n = live.get(rnd.nextInt(live.size()));
                assertEquals(used.headSet(tree.lo(n)).size(), tree.rank(n), "step " + step + ": rank");
                tree.verify(); // the counts the rank brought up to date are exact
            }
        }
    }
}
