package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.SizeClass;

/**
 * {@link AllocStats} as a {@code long[]} ({@link AllocStats#toVector()}), the form counters
 * travel in between actors (and between JVMs). Each actor counts its own part; the merge is the run's.
 */
public final class StatsVector {
    private StatsVector() {
    }

    public static long[] encode(AllocStats s) {
        return s.toVector();
    }

    /** No counts yet: where owners' vectors are added up. */
    public static long[] zero() {
        return new long[AllocStats.vectorLength(SizeClass.CACHED_CLASSES)];
    }

    /** Merges {@code v} into {@code sum}, as {@link AllocStats#addVector} does. */
    public static void add(long[] sum, long[] v) {
        AllocStats.addVectors(sum, v);
    }

    public static void addTo(AllocStats s, long[] v) {
        s.addVector(v);
    }
}
