package dev.iovasim.allocator.mapbench;

import dev.iovasim.allocator.DomainConfig;

/**
 * One benchmark run, with the user tool's flags and limits (tools/testing/selftests/dma/
 * dma_map_benchmark.c at v6.6..v6.13): {@code -t} threads 1..1024, {@code -s} seconds 1..300,
 * {@code -n} NUMA node, {@code -b} DMA mask bits 20..64, {@code -d} direction, {@code -x} transmit
 * delay 0..10 ms in ns, {@code -g} granule 1..1024 pages.
 *
 * @param seed   staggers the threads' start times within the first microsecond (the kernel's
 *               threads wake one after another), the run's only choice; the same seed gives the
 *               same output
 *
 * <p>How unmaps invalidate (strict or lazy) is the policy's ({@link dev.iovasim.allocator.Policy#invalidation}),
 * as for every other command.
 */
public record MapBenchSpec(int threads, int seconds, int node, int bits, Direction direction, long delayNs,
                           int granule, long seed) {
    public static final int MAX_THREADS = 1024;
    public static final int MAX_SECONDS = 300;
    public static final long MAX_DELAY_NS = 10_000_000L;
    public static final int MIN_BITS = 20;
    public static final int MAX_BITS = 64;
    /** {@code -n}'s "any node", the kernel's NUMA_NO_NODE; the simulated machine's one node is 0. */
    public static final int ANY_NODE = -1;
    public static final int MAX_GRANULE = 1024;
    /** PAGE_SIZE of the simulated kernel: the granule is in pages of this size. */
    public static final long PAGE_SIZE = 4096;

    /** A bad value, named by the tool's flag letter, with the tool's own wording. */
    public static final class Invalid extends IllegalArgumentException {
        private final String flag;

        Invalid(String flag, String message) {
            super(message);
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }
    }

    public MapBenchSpec {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new Invalid("-t", "invalid number of threads, must be in 1-" + MAX_THREADS + ", got " + threads);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new Invalid("-s", "invalid number of seconds, must be in 1-" + MAX_SECONDS + ", got " + seconds);
        }
        if (delayNs < 0 || delayNs > MAX_DELAY_NS) {
            throw new Invalid("-x", "invalid transmit delay, must be in 0-" + MAX_DELAY_NS + ", got " + delayNs);
        }
        // the tool: "suppose the minimum DMA zone is 1MB in the world"
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new Invalid("-b", "invalid dma mask bit, must be in " + MIN_BITS + "-" + MAX_BITS + ", got " + bits);
        }
        if (direction == null) throw new Invalid("-d", "invalid dma direction");
        if (granule < 1 || granule > MAX_GRANULE) {
            throw new Invalid("-g", "invalid granule size, must be in 1-" + MAX_GRANULE + " pages, got " + granule);
        }
        // the kernel refuses a node that is not possible; the simulated machine has node 0 only
        if (node != ANY_NODE && node != 0) {
            throw new Invalid("-n", "invalid numa node " + node + ": the simulated machine has one node, 0 (" + ANY_NODE + ": any)");
        }
    }

    /** The limit pfn of the device's DMA mask, in pages of {@link #PAGE_SIZE}. */
    public long limitPfn() {
        return DomainConfig.limitPfn(bits, PAGE_SIZE);
    }

    public long nanos() {
        return seconds * 1_000_000_000L;
    }
}
