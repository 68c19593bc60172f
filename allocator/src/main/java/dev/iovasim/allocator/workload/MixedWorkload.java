package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;

/**
 * Several device types behind one IOMMU domain: NICs (1-page maps, 64-bit), storage (1..256
 * pages, 64-bit) and a legacy 32-bit device (1..8 pages, limit below 4 GiB, no SAC step). Each
 * operation picks its device; mappings complete in random order, a share on another CPU.
 */
public final class MixedWorkload extends SpecWorkload {
    public static final String NAME = "mixed";
    public static final String SUMMARY = "NIC, storage and a 32-bit device sharing one domain";
    public static final List<WorkloadParam> PARAMS = List.of(
            fraction("nic", 0.5, "share of maps from NICs (1 page, 64-bit mask)"),
            fraction("storage", 0.3, "share of maps from storage (1..256 pages, 64-bit mask); the rest come from a 32-bit device (1..8 pages)"),
            count("inflight", 48, 1, 1 << 20, "mappings a CPU holds on average"),
            fraction("remote", 0.3, "share of mappings completed on another CPU"),
            gapParam(1000));

    private final double nic = spec.fraction("nic");
    private final double storage = spec.fraction("storage");
    private final int inflight = spec.count("inflight");
    private final double remote = spec.fraction("remote");

    public MixedWorkload(SpecValues p) {
        super(NAME, p);
        if (nic + storage > 1) throw new IllegalArgumentException("workload " + NAME + ": nic + storage exceeds 1");
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new SeededCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit64 = limitPfn(64, cpus);
            private final long limit32 = limit32(cpus);

            @Override
            protected void step(WorkOp op) {
                if (freeToward(held, inflight)) {
                    held.freeAt(rnd.nextInt(held.size()), op);
                    return;
                }
                double device = rnd.nextDouble();
                int freeCpu = completionCpu(remote);
                if (device < nic) {
                    op.map(1, limit64, freeCpu);
                } else if (device < nic + storage) {
                    op.map(Math.min(logUniformSize(8), 256), limit64, freeCpu);
                } else {
                    op.map(sizeInClass(rnd.nextInt(4)), limit32, freeCpu);
                }
            }
        };
    }
}
