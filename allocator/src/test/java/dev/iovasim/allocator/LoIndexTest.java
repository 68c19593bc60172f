package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tree's index by lo agrees with a plain map through growth and backward-shift deletions. */
class LoIndexTest {
    @Test
    void agreesWithAMapUnderRandomPutsAndRemoves() {
        SplittableRandom r = new SplittableRandom(11);
        LoIndex index = new LoIndex();
        Map<Long, Integer> model = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        int nextNode = 1;
        for (int step = 0; step < 200_000; step++) {
            if (keys.isEmpty() || r.nextInt(10) < 6) {
                // clustered keys (small range, and around 2^64-1) make long probe runs
                long k = r.nextBoolean() ? r.nextLong(5000) : -1L - r.nextLong(5000);
                if (model.containsKey(k)) continue;
                index.put(k, nextNode);
                model.put(k, nextNode++);
                keys.add(k);
            } else {
                long k = keys.remove(r.nextInt(keys.size()));
                index.remove(k);
                model.remove(k);
            }
            if (step % 1000 == 0) {
                for (Map.Entry<Long, Integer> e : model.entrySet()) assertEquals(e.getValue(), index.get(e.getKey()));
                assertEquals(model.size(), index.size());
            }
        }
        for (long k = 0; k < 5000; k++) assertEquals(model.getOrDefault(k, IovaTree.NIL), index.get(k));
    }

    @Test
    void twoNodesAtOneLoOrRemovingAnAbsentOneIsAnError() {
        LoIndex index = new LoIndex();
        index.put(7, 1);
        assertThrows(IllegalStateException.class, () -> index.put(7, 2));
        assertThrows(IllegalStateException.class, () -> index.remove(8));
    }
}
