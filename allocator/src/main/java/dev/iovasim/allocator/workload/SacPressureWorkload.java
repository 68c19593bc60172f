package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The seed scenario: PCI devices with 64-bit masks map through the DMA layer (a SAC attempt
 * without flush, then the full limit with flush) while long-lived mappings have nearly filled the
 * 32-bit space. Most unmaps happen on another CPU; now and then a long-lived mapping is recycled
 * (unmapped, and at once replaced by a new 32-bit allocation), which frees 32-bit space for a
 * moment and resets max32_alloc_size in kernels that have it.
 */
public final class SacPressureWorkload extends SpecWorkload {
    public static final String NAME = "sac-pressure";
    public static final String SUMMARY = "64-bit PCI devices mapping through the DMA layer's SAC-first pattern "
            + "while long-lived mappings fill the 32-bit space (the seed scenario)";
    public static final List<WorkloadParam> PARAMS = List.of(
            count("hole", 131072, 4096, 1 << 19, "pages left unreserved just below 4 GiB; the rest of the 32-bit space is reserved"),
            count("long-pages", 256, 33, 4096, "pages per long-lived 32-bit mapping (set up on random CPUs)"),
            count("slack", 3072, 0, 1 << 19, "pages of the hole still free after the long-lived mappings are set up"),
            count("inflight", 24, 1, 1 << 20, "transient mappings a CPU holds on average"),
            fraction("remote", 0.9, "share of transient mappings unmapped on another CPU than the one that mapped them"),
            fraction("recycle", 0.01, "chance per operation that a CPU holding long-lived mappings unmaps one and, in the same breath, allocates its 32-bit replacement"),
            count("mask", 64, 33, 64, "DMA mask bits of the devices (above 32, so the DMA layer tries a SAC address first)"),
            fraction("single", 0.4, "share of 1-page maps; other maps have a class uniform in 1..5 and a size uniform in that class"),
            gapParam(2000));

    private final int hole = spec.count("hole");
    private final int longPages = spec.count("long-pages");
    private final int slack = spec.count("slack");
    private final int inflight = spec.count("inflight");
    private final double remote = spec.fraction("remote");
    private final double recycle = spec.fraction("recycle");
    private final int mask = spec.count("mask");
    private final double single = spec.fraction("single");

    public SacPressureWorkload(SpecValues p) {
        super(NAME, p);
        if (slack > hole) throw new IllegalArgumentException("workload " + NAME + ": slack (" + slack + ") exceeds hole (" + hole + ")");
    }

    @Override
    public void setup(SetupTarget target, int cpus, long seed) {
        long sac = limit32(cpus);
        target.reserve(domain(cpus).startPfn(), sac - hole);
        SplittableRandom rnd = new SplittableRandom(Seeds.forSetup(seed));
        int n = (hole - slack) / longPages;
        for (int i = 0; i < n; i++) {
            int cpu = rnd.nextInt(cpus);
            long pfn = target.alloc(cpu, longPages, sac, true);
            if (pfn != 0) target.hold(cpu, pfn, longPages);
        }
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new LongLivedCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit = limitPfn(mask, cpus);
            private final long limit32 = limit32(cpus);
            private boolean remapPending;

            @Override
            protected void step(WorkOp op) {
                if (remapPending) {
                    remapPending = false;
                    op.alloc(longPages, limit32, true, rnd.nextInt(cpus));
                } else if (!longLived.isEmpty() && chance(recycle)) {
                    longLived.freeAt(rnd.nextInt(longLived.size()), op);
                    op.chained = true;
                    remapPending = true;
                } else if (freeToward(held, inflight)) {
                    held.freeAt(rnd.nextInt(held.size()), op);
                } else {
                    long size = chance(single) ? 1 : sizeInClass(1 + rnd.nextInt(5));
                    op.map(size, limit, completionCpu(remote));
                }
            }

            /** Long-lived mappings are the only ones of their size (above the cached sizes). */
            @Override
            protected boolean staysLong(long size) {
                return size == longPages;
            }
        };
    }
}
