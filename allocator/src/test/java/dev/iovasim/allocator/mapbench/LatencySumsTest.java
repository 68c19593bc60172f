package dev.iovasim.allocator.mapbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The averaging of do_map_benchmark (kernel/dma/map_benchmark.c, v6.6): 100 ns units, integer arithmetic. */
class LatencySumsTest {
    @Test
    void samplesAreTruncatedTo100nsAndAveragedInIntegers() {
        LatencySums s = new LatencySums();
        s.add(199);
        s.add(250);
        s.add(399);
        // units 1, 2, 3: average 2; mean of squares 14/3 = 4 (integer), variance 4 - 4 = 0
        assertEquals(2, s.average100ns());
        assertEquals(0, s.stddev100ns());
        s.add(1000);
        // units 1, 2, 3, 10: average 16/4 = 4; squares 114/4 = 28, variance 12, int_sqrt 3
        assertEquals(4, s.average100ns());
        assertEquals(3, s.stddev100ns());
        assertEquals(4, s.loops());
    }

    /** Per-thread sums added up equal one set of sums fed every sample (the kernel's threads share their atomics). */
    @Test
    void threadsSumsAddUpToTheSharedSums() {
        LatencySums a = new LatencySums();
        LatencySums b = new LatencySums();
        LatencySums shared = new LatencySums();
        long[] samples = {199, 250, 399, 1000, 12_345, 77};
        for (int i = 0; i < samples.length; i++) {
            (i % 2 == 0 ? a : b).add(samples[i]);
            shared.add(samples[i]);
        }
        a.addAll(b);
        assertEquals(shared.loops(), a.loops());
        assertEquals(shared.average100ns(), a.average100ns());
        assertEquals(shared.stddev100ns(), a.stddev100ns());
        assertEquals(6, a.loops());
        assertEquals(23, a.average100ns());
    }

    @Test
    void noLoopLeavesZeros() {
        LatencySums s = new LatencySums();
        assertEquals(0, s.average100ns());
        assertEquals(0, s.stddev100ns());
    }

    @Test
    void integerSquareRootIsExact() {
        assertEquals(0, LatencySums.isqrt(0));
        assertEquals(3, LatencySums.isqrt(15));
        assertEquals(4, LatencySums.isqrt(16));
        assertEquals(3_037_000_499L, LatencySums.isqrt(Long.MAX_VALUE));
    }
}
