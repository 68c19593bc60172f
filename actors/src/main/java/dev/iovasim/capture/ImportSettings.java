package dev.iovasim.capture;

import dev.iovasim.allocator.DomainConfig;

/**
 * How captured bytes become trace pages and limits.
 *
 * @param granule       IOVA granule in bytes (a power of two)
 * @param dmaMaskBits   the device's DMA mask width; above 32 the trace says {@code map} (the DMA
 *                      layer's 32-bit attempt first), at or below 32 {@code alloc} with that limit
 * @param apertureBits  the domain's aperture width (0: none), which caps the limit the way
 *                      {@code iommu_dma_alloc_iova} caps it to {@code geometry.aperture_end}
 * @param cpus          the domain's CPU count, or 0 to take it from the capture's header
 * @param strict        stop at the first malformed line instead of counting it
 * @param sgWindowNanos map events further apart than this are never one scatter-gather mapping
 * @param device        keep only this device's mappings (known from dma:* events), or null for all
 */
public record ImportSettings(long granule, int dmaMaskBits, int apertureBits, int cpus, boolean strict,
                             long sgWindowNanos, String device) {
    public static final long DEFAULT_SG_WINDOW_NANOS = 1_000_000L;
    /** The widths a DMA mask or an aperture can have: a page's offset bits up to 64. */
    public static final int MIN_BITS = 12;
    public static final int MAX_BITS = 64;

    public ImportSettings {
        if (!DomainConfig.isGranule(granule)) throw new IllegalArgumentException(DomainConfig.GRANULE_RULE + ", got " + granule);
        if (dmaMaskBits < MIN_BITS || dmaMaskBits > MAX_BITS) {
            throw new IllegalArgumentException("DMA mask bits must be " + MIN_BITS + ".." + MAX_BITS + ", got " + dmaMaskBits);
        }
        if (apertureBits != 0 && (apertureBits < MIN_BITS || apertureBits > MAX_BITS)) {
            throw new IllegalArgumentException("aperture bits must be " + MIN_BITS + ".." + MAX_BITS + " (or 0 for none), got " + apertureBits);
        }
        if (cpus < 0 || cpus > DomainConfig.MAX_CPUS) {
            throw new IllegalArgumentException("cpus must be in 0.." + DomainConfig.MAX_CPUS + " (0: from the capture), got " + cpus);
        }
        if (device != null && (device.isEmpty() || device.chars().anyMatch(c -> c <= ' ' || c == '#'))) {
            throw new IllegalArgumentException("device name must be one word without '#', got '" + device + "'");
        }
        if (sgWindowNanos < 0) throw new IllegalArgumentException("scatter-gather window must be 0 or more, got " + sgWindowNanos);
    }

    /** These settings for a domain of {@code cpus} CPUs (at least one). */
    public ImportSettings withCpus(int cpus) {
        return new ImportSettings(granule, dmaMaskBits, apertureBits, Math.max(cpus, 1), strict, sgWindowNanos, device);
    }

    public int shift() {
        return Long.numberOfTrailingZeros(granule);
    }

    /** The highest usable byte address: the DMA mask, capped by the aperture. */
    public long maxAddress() {
        long mask = DomainConfig.dmaMask(dmaMaskBits);
        if (apertureBits == 0) return mask;
        long aperture = DomainConfig.dmaMask(apertureBits);
        return Long.compareUnsigned(mask, aperture) < 0 ? mask : aperture;
    }

    /** The trace's {@code LIMIT}: the highest usable pfn, inclusive. */
    public long limitPfn() {
        return maxAddress() >>> shift();
    }

    /** Whether allocations go through the DMA layer's 32-bit-first pattern ({@code map}). */
    public boolean mapOps() {
        return Long.compareUnsigned(maxAddress(), DomainConfig.dmaMask(32)) > 0;
    }
}
