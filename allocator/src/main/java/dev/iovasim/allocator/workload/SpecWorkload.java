package dev.iovasim.allocator.workload;

import static dev.iovasim.allocator.workload.WorkloadParam.count;

/**
 * A catalogue workload built from its spec ({@code NAME:KEY=VALUE,...}): what every generator
 * shares, so each one holds only its own parameters. Every generator paces a CPU's operations by
 * its {@code gap-ns} parameter, the virtual time between two of them.
 */
abstract class SpecWorkload implements Workload {
    private final String name;
    /** The spec's values: a generator's fields are initialised from it, after this constructor. */
    final SpecValues spec;
    /** Virtual nanoseconds between two operations of one CPU ({@code gap-ns}). */
    protected final long gapNanos;

    SpecWorkload(String name, SpecValues p) {
        this.name = name;
        this.spec = p;
        this.gapNanos = p.count("gap-ns");
    }

    /** The {@code gap-ns} parameter every generator declares, with its own default. */
    static WorkloadParam gapParam(long defaultNanos) {
        return count("gap-ns", defaultNanos, 0, 1_000_000_000, "virtual nanoseconds between two operations of one CPU");
    }

    /** The {@code mask} parameter of a generator whose {@code devices} all have one DMA mask. */
    static WorkloadParam maskParam(String devices) {
        return count("mask", 64, 32, 64, "DMA mask bits of " + devices + " (above 32: SAC attempt first)");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long gapNanos() {
        return gapNanos;
    }

    /** The limit pfn of a device with a {@code bits}-bit DMA mask, in this load's domain for {@code cpus} CPUs. */
    protected final long limitPfn(int bits, int cpus) {
        return domain(cpus).limitPfn(bits);
    }

    /** The limit pfn of a 32-bit device (no SAC step: its mask is the 32-bit one). */
    protected final long limit32(int cpus) {
        return domain(cpus).dma32Pfn() - 1;
    }
}
