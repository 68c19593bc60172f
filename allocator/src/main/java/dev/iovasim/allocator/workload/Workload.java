package dev.iovasim.allocator.workload;

import dev.iovasim.allocator.DomainConfig;

/** A named, seeded load: the domain it needs, what is set up before the CPUs start, and each CPU's stream. */
public interface Workload {
    String name();

    /** The domain for {@code cpus} CPUs (granule, start pfn): 4 KiB pages from pfn 1 unless a load says otherwise. */
    default DomainConfig domain(int cpus) {
        return new DomainConfig(cpus, 4096, 1);
    }

    /**
     * Operations run once, in order, before the CPUs start: reserves and long-lived mappings
     * (their holders are told through {@link SetupTarget#hold}). Deterministic for a seed.
     */
    default void setup(SetupTarget target, int cpus, long seed) {
    }

    /**
     * Virtual nanoseconds between two operations of one CPU (a catalogue workload's {@code gap-ns}),
     * or 0 for a load that keeps no steady pace (a trace's clock lines say when time passes).
     */
    default long gapNanos() {
        return 0;
    }

    /** CPU {@code cpu}'s stream of {@code ops} operations. */
    CpuWorkload forCpu(int cpu, int cpus, long seed, long ops);

    /** Where setup operations go; the engine runs each completely before the next. */
    interface SetupTarget {
        void reserve(long lo, long hi);

        /** alloc_iova_fast on {@code cpu}; 0 on failure. */
        long alloc(int cpu, long size, long limit, boolean flush);

        /** Makes CPU {@code cpu}'s workload the holder of a setup mapping. */
        void hold(int cpu, long pfn, long size);
    }
}
