package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;

/**
 * Network receive and transmit on every CPU: a CPU refills its ring with 1-page maps until it
 * holds {@code ring} buffers, then completes {@code budget} of them, oldest first (one NAPI poll),
 * and refills again. A share of transmit maps is larger (segmentation offload); a share of the
 * mappings completes on another CPU.
 */
public final class NicWorkload extends SpecWorkload {
    public static final String NAME = "nic";
    public static final String SUMMARY = "per-CPU receive-ring refill and completion, mostly 1-page maps";
    public static final List<WorkloadParam> PARAMS = List.of(
            count("ring", 256, 1, 1 << 16, "buffers a CPU keeps mapped before it completes a batch"),
            count("budget", 64, 1, 1 << 16, "buffers completed (unmapped, oldest first) per batch before refilling"),
            fraction("remote", 0.1, "share of mappings completed on another CPU"),
            fraction("tso", 0.05, "share of multi-page maps (2..16 pages, segmentation offload)"),
            maskParam("the NICs"),
            gapParam(500));

    private final int ring = spec.count("ring");
    private final int budget = spec.count("budget");
    private final double remote = spec.fraction("remote");
    private final double tso = spec.fraction("tso");
    private final int mask = spec.count("mask");

    public NicWorkload(SpecValues p) {
        super(NAME, p);
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new SeededCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit = limitPfn(mask, cpus);
            private int completing;

            @Override
            protected void step(WorkOp op) {
                if (completing == 0 && held.size() >= ring) completing = budget;
                if (completing > 0 && !held.isEmpty()) {
                    completing--;
                    held.freeOldest(op);
                    return;
                }
                completing = 0;
                long size = chance(tso) ? 2 + rnd.nextInt(15) : 1;
                op.map(size, limit, completionCpu(remote));
            }
        };
    }
}
