package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.BIG;
import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static dev.iovasim.allocator.TestDomains.cached32Lo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** §13 v4.14: no anchor, cached32 only for LIMIT = D-1, the old walk, its delete rule. */
class LegacySearchTest {
    private static final long NONE = -2;
    private static final long TOP = BIG + 1;

    private static IovaAllocator v414() {
        return allocator(Policy.LINUX_4_14);
    }

    @Test
    void cached32IsSetOnlyForLimitDMinus1() {
        IovaAllocator a = v414();
        assertEquals(1000, a.alloc(0, 1, 1000, true));
        assertEquals(NONE, cached32Lo(a.domain()));
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        assertEquals(D - 1, cached32Lo(a.domain()));
        assertEquals(BIG, a.alloc(0, 1, BIG, true), "above D: from the highest node");
        assertEquals(D - 1, cached32Lo(a.domain()));
    }

    /**
     * With cached32 at D-1, a request with LIMIT 500 starts under cached32 with L = D-1 (the
     * kernel overwrites the limit) and gets D-2, above its limit. v4.14 really did this.
     */
    @Test
    void limitBelowCached32IsReplacedByCached32Lo() {
        IovaAllocator a = v414();
        assertEquals(D - 1, a.alloc(0, 1, SAC, true));
        assertEquals(D - 2, a.alloc(0, 1, 500, true));
        assertEquals(D - 1, cached32Lo(a.domain()), "L = 501 is not D: cached32 stays");
    }

    /**
     * A = D-64 (cached32), X = TOP-64 above 4 GiB. Freeing A: its successor X starts above D,
     * so cached32 becomes none (the later kernels would point it at X). The next SAC request
     * starts from the highest node, skips X (L <= X.lo) and gets D-64 under the empty bottom.
     */
    @Test
    void removalMovesCached32ToASuccessorBelowDOrNone() {
        IovaAllocator a = v414();
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));
        assertEquals(TOP - 64, a.alloc(0, 64, BIG, true));
        a.free(0, D - 64, 64);
        assertEquals(NONE, cached32Lo(a.domain()));
        assertEquals(D - 64, a.alloc(0, 64, SAC, true));

        IovaAllocator b = v414();
        b.alloc(0, 64, SAC, true);
        b.alloc(0, 64, SAC, true);
        b.alloc(0, 64, SAC, true);
        b.free(0, D - 128, 64);
        assertEquals(D - 64, cached32Lo(b.domain()), "the successor A lies below D");
        b.free(0, D - 192, 64);
        assertEquals(D - 64, cached32Lo(b.domain()), "a removal below cached32 leaves it");
    }

    /**
     * The old walk's gap test is hi + size + pad < L. Under the reserved [D-68, D-65], LIMIT
     * D-61 (L = D-60): pad = (D-64) & 3 = 0 and D-65 + 4 < D-60, so [D-64, D-61] sits right on
     * the node and ends on the limit. LIMIT D-62 then meets that node (L = D-61 within it:
     * L = its lo), then the reserved one (D-65 + 4 is not below D-64: L = D-68), and fits at
     * the bottom: D-72.
     */
    @Test
    void gapTestFitsExactlyAboveANode() {
        IovaAllocator a = v414();
        a.reserve(D - 68, D - 65);
        assertEquals(D - 64, a.alloc(0, 4, D - 61, true));
        assertEquals(D - 72, a.alloc(0, 4, D - 62, true));
        assertEquals(NONE, cached32Lo(a.domain()));
    }
}
