package dev.iovasim.allocator.mapbench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark's DMA direction ({@code DMA_MAP_BIDIRECTIONAL}, {@code DMA_MAP_TO_DEVICE},
 * {@code DMA_MAP_FROM_DEVICE} of include/linux/map_benchmark.h, numbered as the user tool's
 * {@code -d} takes them). The simulated device is cache-coherent, so the direction is printed but
 * costs nothing: on a non-coherent device the kernel would clean or invalidate the CPU cache
 * for the buffer, which no allocator counter sees.
 */
public enum Direction {
    BIDIRECTIONAL, TO_DEVICE, FROM_DEVICE;

    /** The tool's number (0, 1, 2) or the name, in any case; null if neither. */
    public static Direction parse(String s) {
        String t = s.trim();
        return Arrays.stream(values()).filter(d -> t.equals(Integer.toString(d.ordinal())) || t.toUpperCase(Locale.ROOT).equals(d.name()))
                .findFirst().orElse(null);
    }
}
