package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;
import static dev.iovasim.allocator.workload.WorkloadParam.fraction;

import java.util.List;

/**
 * A machine that has been up for a long time: short-lived maps of mixed sizes and masks, of
 * which a share stays mapped for a long time (more are kept than released, so the population of
 * long-lived ranges, scattered over the address space, keeps growing), and completions skewed to
 * the CPU that takes a group's interrupts, so frees and allocations fall on different CPUs and
 * magazines travel through the depot. Fragmentation, tree size and the walk per allocation grow
 * over the run.
 */
public final class AgingWorkload extends SpecWorkload {
    public static final String NAME = "aging";
    public static final String SUMMARY = "long-running mixed load whose long-lived population and fragmentation keep growing";
    public static final List<WorkloadParam> PARAMS = List.of(
            count("inflight", 16, 1, 1 << 20, "short-lived mappings a CPU holds on average"),
            fraction("keep", 0.02, "share of mappings that become long-lived when the completing CPU takes them over"),
            fraction("release", 0.004, "chance per operation that a CPU unmaps one of its long-lived mappings"),
            fraction("big", 0.05, "share of maps of 33..128 pages (they bypass the caches)"),
            fraction("dev32", 0.25, "share of maps from a 32-bit device (limit below 4 GiB, flush allowed)"),
            fraction("remote", 0.5, "share of mappings completed by the interrupt CPU of the mapping CPU's group"),
            count("irq-group", 4, 1, 1 << 16, "CPUs per interrupt group; its first CPU completes the group's remote mappings"),
            gapParam(1000));

    private final int inflight = spec.count("inflight");
    private final double keep = spec.fraction("keep");
    private final double release = spec.fraction("release");
    private final double big = spec.fraction("big");
    private final double dev32 = spec.fraction("dev32");
    private final double remote = spec.fraction("remote");
    private final int irqGroup = spec.count("irq-group");

    public AgingWorkload(SpecValues p) {
        super(NAME, p);
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new LongLivedCpuWorkload(cpu, cpus, seed, ops, gapNanos) {
            private final long limit64 = limitPfn(64, cpus);
            private final long limit32 = limit32(cpus);
            private final int irqCpu = cpu - cpu % irqGroup;

            @Override
            protected void step(WorkOp op) {
                if (!longLived.isEmpty() && chance(release)) {
                    longLived.freeAt(rnd.nextInt(longLived.size()), op);
                } else if (freeToward(held, inflight)) {
                    held.freeAt(rnd.nextInt(held.size()), op);
                } else {
                    long size = chance(big) ? 33 + rnd.nextInt(96) : logUniformSize(5);
                    long limit = chance(dev32) ? limit32 : limit64;
                    op.map(size, limit, chance(remote) ? irqCpu : cpu);
                }
            }

            @Override
            protected boolean staysLong(long size) {
                return chance(keep);
            }
        };
    }
}
