package dev.iovasim.allocator.bench;

import dev.iovasim.allocator.DomainConfig;
import java.util.SplittableRandom;

/**
 * The two benchmark loads of issue 3: a fragmenting churn where tree allocations dominate,
 * and a cache-heavy SAC-first load at 128 CPUs where the rcache serves almost everything.
 */
public final class BenchTapes {
    private static final long PFN_30BIT = (1L << 18) - 1;
    private static final long PFN_32BIT = (1L << 20) - 1;
    private static final long PFN_48BIT = (1L << 36) - 1;
    private static final long PFN_64BIT = (1L << 52) - 1;
    private static final long[] CHURN_SIZES = {1, 1, 2, 3, 4, 5, 8, 12, 16, 24, 31, 32, 33, 40, 48, 64, 65, 100,
        128, 200, 256};

    private BenchTapes() {
    }

    /**
     * 16 CPUs, {@code ops} operations: sizes 1..256 (many above 32, which bypass the caches),
     * mostly 32-bit limits with some 30-bit and 48-bit ones, frees in random order on random
     * CPUs; the live set swings between about 6k and 18k ranges, so the space fragments.
     */
    public static OpTape churn(long seed, int ops) {
        int cpus = 16;
        OpTape t = new OpTape(new DomainConfig(cpus, 4096, 1));
        SplittableRandom r = new SplittableRandom(seed);
        int[] live = new int[ops];
        int liveCount = 0;
        int target = 20_000;
        for (int i = 0; i < ops; i++) {
            if (i % 50_000 == 0) target = 6_000 + r.nextInt(12_000);
            boolean alloc = liveCount == 0 || (liveCount < target ? r.nextInt(100) < 60 : r.nextInt(100) < 40);
            if (alloc) {
                long size = CHURN_SIZES[r.nextInt(CHURN_SIZES.length)];
                int pick = r.nextInt(10);
                long limit = pick < 7 ? PFN_32BIT : pick < 9 ? PFN_48BIT : PFN_30BIT;
                live[liveCount++] = t.alloc(r.nextInt(cpus), size, limit, r.nextInt(8) != 0);
            } else {
                int k = r.nextInt(liveCount);
                t.free(r.nextInt(cpus), live[k]);
                live[k] = live[--liveCount];
            }
        }
        return t;
    }

    /**
     * 128 CPUs, {@code ops} operations of the DMA layer's map pattern with a 64-bit mask: each
     * CPU maps small buffers and unmaps them a little later on the same CPU most of the time,
     * so after warm-up the per-CPU magazines serve nearly every SAC attempt.
     */
    public static OpTape sacCacheHeavy(long seed, int ops) {
        int cpus = 128;
        OpTape t = new OpTape(new DomainConfig(cpus, 4096, 1));
        SplittableRandom r = new SplittableRandom(seed);
        int depth = 48;
        int[][] ring = new int[cpus][depth];
        int[] head = new int[cpus];
        int[] count = new int[cpus];
        long[] sizes = {1, 1, 1, 1, 2, 4};
        for (int i = 0; i < ops; i++) {
            int c = r.nextInt(cpus);
            if (count[c] < depth && (count[c] == 0 || r.nextBoolean())) {
                ring[c][(head[c] + count[c]++) % depth] = t.map(c, sizes[r.nextInt(sizes.length)], PFN_64BIT);
            } else {
                int freeOn = r.nextInt(10) == 0 ? r.nextInt(cpus) : c;
                t.free(freeOn, ring[c][head[c]]);
                head[c] = (head[c] + 1) % depth;
                count[c]--;
            }
        }
        return t;
    }
}
