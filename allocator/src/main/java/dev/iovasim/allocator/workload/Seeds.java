package dev.iovasim.allocator.workload;

/** Independent-looking seeds for the streams of one run, derived from the run's seed. */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of CPU {@code cpu}'s generator. */
    public static long forCpu(long seed, int cpu) {
        return mix(seed + (cpu + 1L) * GOLDEN);
    }

    /** The seed of the engine's interleaving order (distinct from every CPU's). */
    public static long forOrder(long seed) {
        return mix(~seed * GOLDEN);
    }

    /** The seed of a workload's setup (long-lived mappings placed before the CPUs start). */
    public static long forSetup(long seed) {
        return mix(seed ^ 0x5DEECE66DL);
    }

    /** The SplitMix64 finaliser: spreads nearby inputs over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
