package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random operations on 3 CPUs with 4-pfn magazines in small spaces, so that failures,
 * flushes and depot overflows happen. After every step: the tree is consistent and every range
 * is in exactly one place (Conservation), and every new range is aligned, at or above
 * start_pfn and within its limit.
 */
class RandomOpsPropertyTest {
    static final int OPS = 3000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        TestDomains.all().forEach(p -> {
            for (RandomOps.Space s : RandomOps.SPACES) out.add(Arguments.of(p, s));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyStepKeepsTheInvariants(Policy policy, RandomOps.Space space) {
        run(policy, space, false);
    }

    /**
     * The same with each free's descent counted (what a time series asks for): the tree then has
     * no index by lo, and a free's delete takes its ancestors' counts from the descent's path.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyStepKeepsTheInvariantsWhileFreesAreCounted(Policy policy, RandomOps.Space space) {
        run(policy, space, true);
    }

    private static void run(Policy policy, RandomOps.Space space, boolean countFrees) {
        RandomOps ops = new RandomOps(0x10a5eedL ^ space.name().hashCode(), space);
        RandomOps.Driver drv = new RandomOps.Driver(policy, space, true);
        IovaDomain d = drv.allocator.domain();
        d.countFreeDescents(countFrees);
        long failures = 0;
        for (int step = 1; step <= OPS; step++) {
            RandomOps.Op op = ops.next();
            boolean cached32WasNone = d.cached32Node() == IovaTree.NIL;
            long pfn = drv.apply(op);
            if (pfn > 0) checkRange(policy, space, op, pfn, drv.allocator.lastOutcome(), cached32WasNone, step);
            if (pfn == 0) failures++;
            Conservation.Result c = Conservation.check(drv.allocator, drv);
            if (!c.ok()) fail("step " + step + ": " + c.problem());
        }
        if (failures == 0 || drv.allocator.stats().get(Counter.FLUSHES) == 0) {
            fail("no failure or no flush in " + OPS + " steps: the case tests too little");
        }
    }

    private static void checkRange(Policy policy, RandomOps.Space space, RandomOps.Op op, long pfn,
                                   int outcome, boolean cached32WasNone, int step) {
        long rounded = SizeClass.round(op.size);
        long align = SizeClass.ceilPow2(rounded);
        String what = "step " + step + ": size " + op.size + " limit " + op.limit + " got " + pfn;
        if (pfn % align != 0) fail(what + ": not aligned to " + align);
        if (pfn < space.startPfn()) fail(what + ": below start_pfn");
        long last = pfn + rounded - 1;
        boolean checkLast = true;
        if (TestDomains.isLegacy(policy)) {
            // v4.14's own rules (§13): its pop only requires pfn < LIMIT, and a tree search that
            // starts under cached32 replaces a lower limit with cached32's lo
            if (Outcome.isHit(outcome)) {
                if (pfn >= op.limit) fail(what + ": v4.14 pop must refuse pfn >= LIMIT");
                checkLast = false;
            } else {
                checkLast = cached32WasNone || op.limit + 1 >= D;
            }
        }
        if (checkLast && last > op.limit) fail(what + ": beyond the limit");
    }
}
