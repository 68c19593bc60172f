package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gap-augmented search must equal the kernel's linear walk: on the same random operations
 * both give the same pfn every time, the same counters, the same tree, the same cached nodes
 * and max32. (4.14 always walks; its case checks that the switch is harmless.)
 */
class GapSearchEquivalenceTest {
    static final int OPS = 3000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        TestDomains.all().forEach(p -> {
            for (RandomOps.Space s : RandomOps.SPACES) {
                for (long seed = 1; seed <= 2; seed++) out.add(Arguments.of(p, s, seed));
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, seed {2}")
    @MethodSource("cases")
    void gapSearchEqualsLinearWalk(Policy policy, RandomOps.Space space, long seed) {
        RandomOps ops = new RandomOps(seed, space);
        RandomOps.Driver gap = new RandomOps.Driver(policy, space, true);
        RandomOps.Driver walk = new RandomOps.Driver(policy, space, false);
        for (int step = 1; step <= OPS; step++) {
            RandomOps.Op op = ops.next();
            long a = gap.apply(op);
            long b = walk.apply(op);
            int s = step;
            assertEquals(b, a, () -> "step " + s + ": pfn");
            assertEquals(walk.allocator.domain().max32(), gap.allocator.domain().max32(), () -> "step " + s + ": max32");
            assertEquals(TestDomains.cached32Lo(walk.allocator.domain()), TestDomains.cached32Lo(gap.allocator.domain()),
                    () -> "step " + s + ": cached32");
            assertEquals(TestDomains.cachedLo(walk.allocator.domain()), TestDomains.cachedLo(gap.allocator.domain()),
                    () -> "step " + s + ": cached");
            if (step % 100 == 0 || step == OPS) sameState(gap, walk, step);
        }
    }

    private static void sameState(RandomOps.Driver gap, RandomOps.Driver walk, int step) {
        assertEquals(TestDomains.treeRanges(walk.allocator.domain()), TestDomains.treeRanges(gap.allocator.domain()),
                "step " + step + ": tree");
        assertEquals(RandomOps.statsText(walk.allocator.stats()), RandomOps.statsText(gap.allocator.stats()),
                "step " + step + ": stats");
        for (IovaDomain.KernelEvent.Kind k : IovaDomain.KernelEvent.Kind.values()) {
            assertEquals(walk.allocator.domain().kernelEvent(k), gap.allocator.domain().kernelEvent(k));
        }
    }
}
