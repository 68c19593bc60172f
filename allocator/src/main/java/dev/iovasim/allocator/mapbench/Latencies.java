package dev.iovasim.allocator.mapbench;

/**
 * Each thread's last map or unmap latency, held until the thread's next operation starts, so that
 * a timer interrupt falling inside the operation can still lengthen it (the kernel's benchmark
 * reads the clock around {@code dma_map_single} and {@code dma_unmap_single}: a softirq on the
 * CPU between those reads is in the figure; one during the transmit delay is not, but still holds
 * the thread up). Time the timer took from a thread is also kept as "stolen" until the event
 * loop pushes the thread's next operation back by it.
 */
final class Latencies {
    private final LatencySums map;
    private final LatencySums unmap;
    private final int[] kind;
    private final long[] pendingNs;
    private final long[] opEnd;
    private final boolean[] pending;
    private final long[] stolen;

    Latencies(int threads, LatencySums map, LatencySums unmap) {
        this.map = map;
        this.unmap = unmap;
        kind = new int[threads];
        pendingNs = new long[threads];
        opEnd = new long[threads];
        pending = new boolean[threads];
        stolen = new long[threads];
    }

    /** Thread {@code t}'s operation of {@code opKind} took {@code ns} and ends at {@code end}. */
    void record(int t, int opKind, long end, long ns) {
        kind[t] = opKind;
        pendingNs[t] = ns;
        opEnd[t] = end;
        pending[t] = true;
    }

    /**
     * A timer ran {@code ns} on {@code cpu} from simulated time {@code at}: the operation under
     * way then (if any) takes that much longer, and the thread's next start moves back.
     */
    void interrupt(int cpu, long at, long ns) {
        stolen[cpu] += ns;
        if (pending[cpu] && at < opEnd[cpu]) {
            pendingNs[cpu] += ns;
            opEnd[cpu] += ns;
        }
    }

    /** The time taken from {@code t}'s thread since it was last asked, now cleared. */
    long takeStolen(int t) {
        long s = stolen[t];
        stolen[t] = 0;
        return s;
    }

    /** Adds {@code t}'s held latency to its sums: its operation can no longer be interrupted. */
    void commit(int t) {
        if (!pending[t]) return;
        pending[t] = false;
        (kind[t] == MapBenchmark.MAP ? map : unmap).add(pendingNs[t]);
    }

    void commitAll() {
        for (int t = 0; t < pending.length; t++) commit(t);
    }
}
