package dev.iovasim.allocator.workload;

import java.util.SplittableRandom;

/**
 * What the seeded generators share: a random stream derived from (seed, cpu), the operations
 * left in this CPU's share, the mappings it holds, and the choices every generator makes (which
 * CPU will free a mapping, whether to free now, a size within a class). No object is made per
 * operation. A generator's {@code forCpu} returns an anonymous subclass: its field initialisers
 * run after this constructor, in the order written, so one that draws from {@code rnd} (a
 * burst's first length) draws in the same place of the stream on every run.
 */
abstract class SeededCpuWorkload implements CpuWorkload {
    protected final int cpu;
    protected final int cpus;
    protected final SplittableRandom rnd;
    protected final HeldRing held = new HeldRing();
    private final long gapNanos;
    private long remaining;

    SeededCpuWorkload(int cpu, int cpus, long seed, long ops, long gapNanos) {
        this.cpu = cpu;
        this.cpus = cpus;
        this.rnd = new SplittableRandom(Seeds.forCpu(seed, cpu));
        this.remaining = ops;
        this.gapNanos = gapNanos;
    }

    @Override
    public final int cpu() {
        return cpu;
    }

    @Override
    public final boolean next(WorkOp op) {
        if (remaining == 0) return false;
        remaining--;
        op.gapNanos = gapNanos;
        op.chained = false;
        step(op);
        return true;
    }

    /** Fills {@code op} with the next operation. */
    protected abstract void step(WorkOp op);

    @Override
    public void adopt(long pfn, long size) {
        held.add(pfn, size);
    }

    @Override
    public void forEachHeld(HeldSink sink) {
        held.forEach(sink);
    }

    /** A CPU other than this one, uniformly (this one if it is alone). */
    protected final int otherCpu() {
        if (cpus == 1) return cpu;
        int o = rnd.nextInt(cpus - 1);
        return o >= cpu ? o + 1 : o;
    }

    /** The CPU that will complete (free) a new mapping: another one with probability {@code remote}. */
    protected final int completionCpu(double remote) {
        return chance(remote) ? otherCpu() : cpu;
    }

    protected final boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /**
     * Whether to free rather than map, drawn so that the number held reverts to {@code target}:
     * the probability is held / (2 * target), certain from twice the target on.
     */
    protected final boolean freeToward(HeldRing ring, int target) {
        return !ring.isEmpty() && rnd.nextInt(2 * target) < ring.size();
    }

    /** A size of rcache class {@code cls}: 1 for class 0, else uniform in (2^(cls-1), 2^cls]. */
    protected final long sizeInClass(int cls) {
        if (cls == 0) return 1;
        int half = 1 << (cls - 1);
        return half + 1 + rnd.nextInt(half);
    }

    /** A size whose class is uniform in 0..{@code maxClass}. */
    protected final long logUniformSize(int maxClass) {
        return sizeInClass(rnd.nextInt(maxClass + 1));
    }
}
