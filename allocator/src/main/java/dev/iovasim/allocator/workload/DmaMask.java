package dev.iovasim.allocator.workload;

import dev.iovasim.allocator.DomainConfig;

/** A device's DMA mask as the inclusive limit pfn the DMA layer passes to alloc_iova_fast. */
final class DmaMask {
    private DmaMask() {
    }

    /** dma_mask >> granule shift, for a mask of {@code bits} bits. */
    static long limitPfn(int bits, DomainConfig domain) {
        long mask = bits >= 64 ? -1L : (1L << bits) - 1;
        return mask >>> Long.numberOfTrailingZeros(domain.granule());
    }
}
