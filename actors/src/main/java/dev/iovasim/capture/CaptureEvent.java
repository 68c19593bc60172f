package dev.iovasim.capture;

/**
 * One {@code iommu:map} or {@code iommu:unmap} event (or a DMA-API event naming a device), reused from line to line so that reading
 * allocates nothing per event. Fields are whatever the capture printed: byte addresses and sizes; the readers fill them and the
 * importer reads them, all in this package.
 */
public final class CaptureEvent {
    public static final int MAP = 1;
    public static final int UNMAP = 2;
    /**
     * A DMA-API event ({@code dma:dma_map_*}, {@code dma:dma_alloc*}, include/trace/events/dma.h,
     * v6.x) naming the device of the mapping at {@code iova}; it fires right after the mapping,
     * on the same CPU.
     */
    public static final int DEVICE = 3;

    int kind;
    int cpu;
    long timestampNanos;
    long iova;
    long size;
    /** The device name when the event carries one (some vendor kernels print {@code dev=}), else null. */
    String device;
    long lineNo;

    public int cpu() {
        return cpu;
    }

    /** Starts the next event: {@code kind} on {@code cpu} at line {@code lineNo} and that time, every other field unset. */
    void start(int kind, int cpu, long lineNo, long timestampNanos) {
        this.kind = kind;
        this.cpu = cpu;
        this.lineNo = lineNo;
        this.timestampNanos = timestampNanos;
        iova = -1;
        size = -1;
        device = null;
    }
}
