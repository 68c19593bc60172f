package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The incremental clock equals the summed gaps divided by the CPUs, rounded down, after every gap. */
class SummedGapClockTest {
    @Test
    void equalsTheDivisionOfTheSumAfterEveryGap() {
        SplittableRandom r = new SplittableRandom(5);
        for (int cpus : new int[] {1, 3, 256, 1000}) {
            SummedGapClock clock = new SummedGapClock(cpus);
            long sum = 0;
            long gap = 5000;
            for (int i = 0; i < 20_000; i++) {
                // runs of one gap (the cached division) broken by other gaps, zero included
                if (r.nextInt(50) == 0) gap = r.nextBoolean() ? 0 : r.nextLong(1, 3_000_000);
                clock.add(gap);
                sum += gap;
                assertEquals(sum / cpus, clock.nowNanos(), "cpus " + cpus + " after " + (i + 1) + " gaps");
            }
        }
    }

    @Test
    void refusesANegativeGapAndNoCpus() {
        assertThrows(IllegalArgumentException.class, () -> new SummedGapClock(1).add(-1));
        assertThrows(IllegalArgumentException.class, () -> new SummedGapClock(0));
    }
}
