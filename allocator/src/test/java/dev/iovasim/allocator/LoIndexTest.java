package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The tree's index by lo ({@link LoIndex}) agrees with a plain map through growth, backward-shift
 * deletions, {@code reserve}'s in-place lowering of a lo and being dropped and rebuilt, so
 * findContaining of a range's first pfn is the tree's answer (find_iova in drivers/iommu/iova.c).
 */
class LoIndexTest {
    @Test
    void agreesWithAMapUnderRandomInsertsDeletesAndLoweredLos() {
        SplittableRandom r = new SplittableRandom(11);
        IovaTree tree = new IovaTree();
        Map<Long, Integer> model = new HashMap<>();
        List<Long> los = new ArrayList<>();
        for (int step = 0; step < 100_000; step++) {
            // clustered los (a small grid, and near 2^64-1) make long probe runs
            randomChange(r, tree, model, los, () -> r.nextBoolean() ? 4 * r.nextLong(1, 4000) : -4L - 4 * r.nextLong(4000));
            if (step % 2000 == 0) {
                for (Map.Entry<Long, Integer> e : model.entrySet()) assertEquals(e.getValue(), tree.findContaining(e.getKey()));
                tree.verify();
            }
        }
        tree.verify();
        for (long pfn = 2; pfn < 16_000; pfn += 4) assertEquals(IovaTree.NIL, tree.findContaining(pfn), "pfn " + pfn);
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertEquals(e.getValue(), tree.findContaining(e.getKey()));
            assertEquals(e.getValue(), tree.findContaining(tree.hi(e.getValue())), "a range's last pfn goes down the tree");
        }
    }

    /**
     * A time series counts each free's descent, so while it listens the domain frees by descending
     * and the tree keeps no index; when it stops, the index is built again from the node ids and
     * must answer as one kept all along, through the inserts, deletes and lowered los after it.
     */
    @Test
    void droppedWhileFreesAreCountedAndRebuiltAfter() {
        SplittableRandom r = new SplittableRandom(3);
        IovaTree tree = new IovaTree();
        Map<Long, Integer> model = new HashMap<>();
        List<Long> los = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            tree.indexByLo(round % 2 == 1);
            assertEquals(round % 2 == 1, tree.indexedByLo());
            // a lookup builds the index now, so that the changes below must keep it
            if (tree.indexedByLo()) tree.findContaining(1);
            for (int step = 0; step < 5_000; step++) randomChange(r, tree, model, los, () -> 4 * r.nextLong(1, 20_000));
            tree.verify();
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                assertEquals(e.getValue(), tree.findContaining(e.getKey()));
                assertEquals(e.getValue(), tree.findCounted(e.getKey()), "the descent finds what the index does");
            }
        }
    }

    /**
     * One random change, mirrored in {@code model} (lo to node) and {@code los}: an insert of a one-pfn
     * range at {@code newLo} (on a grid of 4), a delete, or a lo lowered in place by one as
     * reserve_iova may do (each grid point once).
     */
    private static void randomChange(SplittableRandom r, IovaTree tree, Map<Long, Integer> model, List<Long> los, LongSupplier newLo) {
        int what = los.isEmpty() ? 0 : r.nextInt(10);
        if (what < 6) {
            long lo = newLo.getAsLong();
            if (model.containsKey(lo) || model.containsKey(lo - 1)) return;
            model.put(lo, tree.insert(lo, lo, false));
            los.add(lo);
        } else if (what < 9) {
            tree.delete(model.remove(los.remove(r.nextInt(los.size()))));
        } else {
            int i = r.nextInt(los.size());
            long lo = los.get(i);
            if (lo % 4 != 0) return;
            int n = model.remove(lo);
            tree.lowerLo(n, lo - 1);
            model.put(lo - 1, n);
            los.set(i, lo - 1);
        }
    }

    @Test
    void twoNodesStartingAtOnePfnAreAnError() {
        IovaTree tree = new IovaTree();
        tree.insert(7, 9, false);
        assertThrows(IllegalStateException.class, () -> tree.insert(7, 7, false));
    }
}
