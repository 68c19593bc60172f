package dev.iovasim.allocator;

/**
 * The shape of one IOVA domain: a trace header's keys.
 *
 * @param cpus     simulated CPUs, ids 0..cpus-1
 * @param granule  IOVA granule in bytes, a power of two in 4096..65536
 * @param startPfn the lowest allocatable pfn, at least 1
 */
public record DomainConfig(int cpus, long granule, long startPfn) {
    /** The most CPUs a domain (a trace header's cpus=) has. */
    public static final int MAX_CPUS = 1 << 16;
    public static final long MIN_GRANULE = 4096;
    public static final long MAX_GRANULE = 65536;
    /** What {@link #isGranule} accepts, for error messages. */
    public static final String GRANULE_RULE = "granule must be a power of two in " + MIN_GRANULE + ".." + MAX_GRANULE;

    public DomainConfig {
        if (cpus < 1) throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        if (!isGranule(granule)) throw new IllegalArgumentException(GRANULE_RULE + ", got " + granule);
        if (startPfn < 1) throw new IllegalArgumentException("start_pfn must be in 1..2^63 - 1, got " + Long.toUnsignedString(startPfn));
    }

    public static DomainConfig defaults() {
        return new DomainConfig(1, 4096, 1);
    }

    /** dma_32bit_pfn: the first pfn above 4 GiB. */
    public long dma32Pfn() {
        return 1L << (32 - Long.numberOfTrailingZeros(granule));
    }

    /** The inclusive limit pfn the DMA layer passes for a device with a {@code bits}-bit DMA mask: dma_mask >> granule shift. */
    public long limitPfn(int bits) {
        return limitPfn(bits, granule);
    }

    /** As {@link #limitPfn(int)} for a domain of {@code granule}-byte pages. */
    public static long limitPfn(int bits, long granule) {
        return dmaMask(bits) >>> Long.numberOfTrailingZeros(granule);
    }

    /** The highest byte address a {@code bits}-bit DMA mask reaches: DMA_BIT_MASK(bits). */
    public static long dmaMask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** Whether {@code granule} is a granule the IOVA layer supports: a power of two from 4 KiB to 64 KiB. */
    public static boolean isGranule(long granule) {
        return Long.bitCount(granule) == 1 && granule >= MIN_GRANULE && granule <= MAX_GRANULE;
    }

    public DomainConfig withCpus(int n) {
        return new DomainConfig(n, granule, startPfn);
    }
}
