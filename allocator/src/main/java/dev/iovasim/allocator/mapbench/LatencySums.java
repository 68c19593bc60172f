package dev.iovasim.allocator.mapbench;

/**
 * One latency's sums as kernel/dma/map_benchmark.c keeps them: each sample truncated to 100 ns
 * units, their sum and the sum of their squares; the average and standard deviation are then
 * taken in integer arithmetic ({@code div64_u64}, {@code int_sqrt64}), which is why the tool
 * prints multiples of 0.1 us.
 */
public final class LatencySums {
    private long loops;
    private long sum100ns;
    private long sumSquares;

    public void add(long nanos) {
        long u = nanos / 100;
        loops++;
        sum100ns += u;
        sumSquares += u * u;
    }

    /** Adds another thread's sums, as the kernel's threads add into the same atomics. */
    public void addAll(LatencySums other) {
        loops += other.loops;
        sum100ns += other.sum100ns;
        sumSquares += other.sumSquares;
    }

    public long loops() {
        return loops;
    }

    /** avg_*_100ns: 0 when no loop finished, as the kernel leaves it. */
    public long average100ns() {
        return loops == 0 ? 0 : sum100ns / loops;
    }

    /** *_stddev in 100 ns units: the integer square root of the integer variance. */
    public long stddev100ns() {
        if (loops == 0) return 0;
        long avg = average100ns();
        long variance = sumSquares / loops - avg * avg;
        return isqrt(Math.max(0, variance));
    }

    /** int_sqrt64: the largest r with r*r <= v, for v >= 0 (compared by division: r*r could overflow). */
    static long isqrt(long v) {
        if (v < 2) return v;
        long r = (long) Math.sqrt((double) v);
        while (r > v / r) r--;
        while (r + 1 <= v / (r + 1)) r++;
        return r;
    }
}
