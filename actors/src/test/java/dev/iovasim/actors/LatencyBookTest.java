package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A CPU's latency book counts in ints; a sum over many CPUs must not. */
class LatencyBookTest {
    private static final long NEAR_INT_MAX = Integer.MAX_VALUE - 1L;

    @Test
    void aSumOverCpusPassesTheIntRangeOfOneSlot() {
        LatencyBook cpu = new LatencyBook();
        cpu.of(0).recordValueWithCount(1000, NEAR_INT_MAX);
        byte[][] bytes = cpu.encode();

        LatencyBook sum = LatencyBook.forSums();
        sum.add(bytes);
        sum.add(bytes);
        assertEquals(2 * NEAR_INT_MAX, sum.of(0).getTotalCount());

        LatencyBook narrow = new LatencyBook();
        narrow.add(bytes);
        assertThrows(IllegalStateException.class, () -> narrow.add(bytes), "what forSums avoids");
    }
}
