package dev.iovasim.allocator.engine;

/**
 * The reference engine's simulated clock: each CPU issues its operations one gap apart and the
 * CPUs run side by side, so the machine's time is the CPUs' summed gaps over the number of CPUs
 * (rounded down). The sum's quotient and remainder are kept as they grow, so reading the clock on
 * every operation costs no 64-bit division (one showed in the lazy storage run's profile); a gap
 * is divided once when it differs from the previous one, and workloads use one or two gaps.
 */
final class SummedGapClock {
    private final long cpus;
    private long quotient;
    private long remainder;
    private long lastGap = -1;
    private long gapQuotient;
    private long gapRemainder;

    SummedGapClock(int cpus) {
        if (cpus < 1) throw new IllegalArgumentException("a clock needs at least one CPU, got " + cpus);
        this.cpus = cpus;
    }

    /** One CPU waited {@code gap} ns (not negative) before its next operation. */
    void add(long gap) {
        if (gap < 0) throw new IllegalArgumentException("negative operation gap " + gap + " ns");
        if (gap != lastGap) {
            lastGap = gap;
            gapQuotient = gap / cpus;
            gapRemainder = gap % cpus;
        }
        quotient += gapQuotient;
        remainder += gapRemainder;
        if (remainder >= cpus) {
            remainder -= cpus;
            quotient++;
        }
    }

    /** The machine's time in ns: the summed gaps over the number of CPUs. */
    long nowNanos() {
        return quotient;
    }
}
