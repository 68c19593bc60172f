package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;

/**
 * I/O in bursts, as a benchmark's jobs submit a batch and then reap it: each CPU maps a burst
 * of buffers (its length drawn around {@code burst}), then unmaps all of them, one operation
 * each, and starts again; with {@code jitter=0} every CPU's bursts are as long, so the CPUs map
 * together and unmap together. Between bursts a CPU holds nothing, so every burst's buffers pass
 * through the rcache at once: the freeing side fills magazine after magazine (with
 * {@code --irq-cpus} on a few CPUs only), the mapping side empties them. That is the flow that
 * fills a depot capped at 32 magazines and makes it free whole magazines into the tree.
 *
 * <p>Most maps are of one page (4 KiB block I/O); {@code other} of them are of 2..32 pages and
 * {@code big} of them above 32 pages (up to {@code max-pages}), which the kernel's rcache does not
 * cache. {@code pause-ns} makes a CPU wait before it starts unmapping a burst (a job stalled
 * between submit and reap): long enough, and the lazy flush queues' 10 ms timer fires in between.
 */
public final class BurstWorkload extends SpecWorkload {
    public static final String NAME = "burst";
    public static final String SUMMARY = "bursts of maps, then all their unmaps; mostly 4 KiB with some 2..32-page and larger maps";
    public static final List<WorkloadParam> PARAMS = List.of(
            count("burst", 256, 1, 1 << 20, "maps per burst on average"),
            fraction("jitter", 0.5, "bursts are burst*(1-jitter)..burst*(1+jitter) maps; 0 keeps the CPUs' bursts in step"),
            fraction("other", 0.0, "share of maps of 2..32 pages (their class uniform)"),
            fraction("big", 0.0, "share of maps of 33..max-pages pages (above the kernel's rcache range)"),
            count("max-pages", 128, 33, 1 << 16, "largest big map; log2 of its size is uniform"),
            count("pause-ns", 0, 0, 1_000_000_000, "virtual nanoseconds a CPU waits between a burst's maps and its unmaps"),
            maskParam("the device"),
            gapParam(2000));

    private final int burst = spec.count("burst");
    private final double jitter = spec.fraction("jitter");
    private final double other = spec.fraction("other");
    private final double big = spec.fraction("big");
    /** The class of 33..64 pages, the smallest above the kernel's rcache range. */
    private static final int BIG_MIN_CLASS = 6;
    private final int maxPages = spec.count("max-pages");
    private final int bigMaxClass = 64 - Long.numberOfLeadingZeros(maxPages - 1L);
    private final long pauseNanos = spec.count("pause-ns");
    private final int mask = spec.count("mask");

    public BurstWorkload(SpecValues p) {
        super(NAME, p);
        if (other + big > 1) {
            throw new IllegalArgumentException(NAME + ": other + big must be at most 1, got " + other + " + " + big);
        }
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new SeededCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit = limitPfn(mask, cpus);
            private int mapsLeft = burstLength();
            private boolean unmapping;

            @Override
            protected void step(WorkOp op) {
                if (!unmapping && mapsLeft == 0) {
                    unmapping = true;
                    op.gapNanos += pauseNanos;
                }
                if (unmapping && !held.isEmpty()) {
                    held.freeAt(rnd.nextInt(held.size()), op);
                    return;
                }
                if (unmapping) {
                    unmapping = false;
                    mapsLeft = burstLength();
                }
                mapsLeft--;
                op.map(size(), limit, cpu);
            }

            private int burstLength() {
                int spread = (int) Math.round(burst * jitter);
                return Math.max(1, burst - spread + rnd.nextInt(2 * spread + 1));
            }

            private long size() {
                double r = rnd.nextDouble();
                if (r < big) {
                    return Math.min(maxPages, sizeInClass(BIG_MIN_CLASS + rnd.nextInt(bigMaxClass - BIG_MIN_CLASS + 1)));
                }
                if (r < big + other) return sizeInClass(1 + rnd.nextInt(5));
                return 1;
            }
        };
    }
}
