package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocN;
import static dev.iovasim.allocator.TestDomains.allocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conservation check finds each kind of damage and names it: a range nobody holds (the lowest
 * one, whatever order the nodes were made in), a pfn held twice, a held pfn the tree does not know,
 * a held pfn inside a reserved range. Its leak test counts the claimed and reserved nodes against
 * the tree's size before it walks the nodes in address order, so each case is pinned here.
 */
class ConservationTest {

    /** Five 1-page ranges under SAC (D-1 down to D-5) and a reserved range below them. */
    private static IovaAllocator fiveAndAReserve(Policy p, long[] held) {
        IovaAllocator a = allocator(p, 1, 1);
        System.arraycopy(allocN(a, 5, 1, SAC), 0, held, 0, 5);
        assertTrue(a.reserve(1000, 1999));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void everyRangeHeldOnceIsOk(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        Conservation.Result r = Conservation.check(a, sink -> Arrays.stream(x).forEach(sink::accept));
        assertTrue(r.ok(), r::problem);
        assertEquals(5, r.liveRanges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aRangeNobodyHoldsIsALeakAndTheLowestIsNamed(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        // x[1] and x[3] unheld: x[3] = D-4 is the lower of the two
        assertEquals("range [" + x[3] + ", " + x[3] + "] is allocated in the tree but nobody holds it (leaked)",
                problemOf(a, x[0], x[2], x[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aPfnHeldTwiceIsNamed(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        assertEquals("pfn " + x[2] + " held by its caller is also somewhere else (handed out twice)", problemHolding(a, x, x[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aHeldPfnTheTreeDoesNotKnowIsLost(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        assertEquals("pfn 500 held by its caller is not in the tree (lost or never allocated)", problemHolding(a, x, 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aHeldPfnInAReservedRangeIsNamed(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        assertEquals("pfn 1500 held by its caller lies in a reserved range", problemHolding(a, x, 1500));
    }

    /** The check's problem when the caller holds every range of {@code x} and {@code extra} as well. */
    private static String problemHolding(IovaAllocator a, long[] x, long extra) {
        long[] held = Arrays.copyOf(x, x.length + 1);
        held[x.length] = extra;
        return problemOf(a, held);
    }

    /** The check's problem when the caller holds {@code held}, in that order. */
    private static String problemOf(IovaAllocator a, long... held) {
        Conservation.Result r = Conservation.check(a, sink -> Arrays.stream(held).forEach(sink::accept));
        assertFalse(r.ok());
        return r.problem();
    }

    /**
     * As many claims as ranges, but one range claimed twice and another not: the check that matches
     * sorted claims against the ranges sees them differ, and the claim-by-claim check names the
     * first problem in the order claimed, as it always did.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aPfnHeldTwiceInPlaceOfAnotherIsNamed(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        assertEquals("pfn " + x[1] + " held by its caller is also somewhere else (handed out twice)",
                problemOf(a, x[0], x[1], x[2], x[3], x[1]));
    }

    /** A range may be held by any pfn inside it (find_iova's answer), not only by its first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aRangeHeldByAPfnInsideItIsOk(Policy p) {
        IovaAllocator a = allocator(p, 1, 1);
        long one = allocN(a, 1, 1, SAC)[0];
        long four = allocN(a, 1, 4, SAC)[0];
        Conservation.Result r = Conservation.check(a, sink -> {
            sink.accept(four + 2);
            sink.accept(one);
        });
        assertTrue(r.ok(), r::problem);
        assertEquals(2, r.liveRanges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#all")
    void aFreedReservedRangeLeavesTheReservedCountRight(Policy p) {
        long[] x = new long[5];
        IovaAllocator a = fiveAndAReserve(p, x);
        assertTrue(a.domain().free(1000), "free_iova removes a reserved range like any other");
        a.domain().tree().verify();
        assertEquals("range [" + x[4] + ", " + x[4] + "] is allocated in the tree but nobody holds it (leaked)", problemOf(a, x[0]));
    }
}
