package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClaimedPfns}' radix sort gives unsigned address order whatever bits the pfns differ in
 * (a few low bits, the 33 of a 32-bit space, the top bit of the anchor's neighbourhood), and its
 * comparison with a list of ranges' first pfns sees a missing, extra or changed claim.
 */
class ClaimedPfnsTest {
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {1, 5, 11, 12, 22, 33, 52, 64})
    void sortsInUnsignedOrder(int bits) {
        SplittableRandom r = new SplittableRandom(bits);
        long base = bits == 64 ? 0 : r.nextLong() & ~((1L << bits) - 1) & Long.MAX_VALUE;
        long[] pfns = new long[5_000];
        for (int i = 0; i < pfns.length; i++) pfns[i] = base | (bits == 64 ? r.nextLong() : r.nextLong() & ((1L << bits) - 1));
        long[] expected = Arrays.stream(pfns).boxed().sorted(Long::compareUnsigned).mapToLong(Long::longValue).toArray();
        ClaimedPfns c = new ClaimedPfns(pfns.length);
        for (long p : pfns) c.accept(p);
        assertTrue(c.sameAs(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "extra", "changed"})
    void seesClaimsThatDiffer(String how) {
        long[] los = {3, 10, 700, 1L << 40};
        ClaimedPfns c = new ClaimedPfns(los.length);
        c.accept(1L << 40);
        c.accept(3);
        c.accept(how.equals("changed") ? 701 : 700);
        if (!how.equals("missing")) c.accept(10);
        if (how.equals("extra")) c.accept(10);
        assertFalse(c.sameAs(los));
    }

    @ParameterizedTest(name = "{0} claims")
    @ValueSource(ints = {0, 1})
    void fewClaims(int n) {
        long[] los = Arrays.copyOf(new long[] {42}, n);
        ClaimedPfns c = new ClaimedPfns(n);
        for (long p : los) c.accept(p);
        assertTrue(c.sameAs(los));
    }
}
