package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;

/**
 * Block I/O: requests of 1..{@code max-pages} pages (the class, not the size, is uniform, so
 * small requests are as common as large ones and a third of the default mix is above 32 pages and
 * bypasses the caches), completed out of order, a share of them on another CPU.
 */
public final class StorageWorkload extends SpecWorkload {
    public static final String NAME = "storage";
    public static final String SUMMARY = "block I/O of 1..256 pages, out-of-order completion; sizes above 32 bypass the caches";
    public static final List<WorkloadParam> PARAMS = List.of(
            count("depth", 32, 1, 1 << 20, "requests a CPU has in flight on average"),
            fraction("remote", 0.5, "share of requests completed on another CPU"),
            count("max-pages", 256, 1, 1 << 16, "largest request; log2 of the size is uniform up to this"),
            maskParam("the controllers"),
            gapParam(5000));

    private final int depth = spec.count("depth");
    private final double remote = spec.fraction("remote");
    private final int maxPages = spec.count("max-pages");
    private final int maxClass = 64 - Long.numberOfLeadingZeros(maxPages - 1L);
    private final int mask = spec.count("mask");

    public StorageWorkload(SpecValues p) {
        super(NAME, p);
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new SeededCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit = limitPfn(mask, cpus);

            @Override
            protected void step(WorkOp op) {
                if (freeToward(held, depth)) {
                    held.freeAt(rnd.nextInt(held.size()), op);
                } else {
                    op.map(Math.min(logUniformSize(maxClass), maxPages), limit, completionCpu(remote));
                }
            }
        };
    }
}
