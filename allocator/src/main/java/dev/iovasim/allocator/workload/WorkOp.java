package dev.iovasim.allocator.workload;

/**
 * One operation a CPU's workload asks for, in reused fields (no object per operation).
 * Sizes are the caller's unrounded page counts; limits are inclusive pfns.
 */
public final class WorkOp {
    /** alloc_iova_fast(size, limit, flush). */
    public static final int ALLOC = 1;
    /** The DMA layer's map: a SAC attempt without flush when DmaLayer says so, then the full limit with flush. */
    public static final int MAP = 2;
    /** free_iova_fast(pfn, size) of a mapping this CPU holds. */
    public static final int FREE = 3;
    /** reserve_iova(pfn, limit), both inclusive. Only a trace workload asks for it. */
    public static final int RESERVE = 4;
    /** free_cpu_cached_iovas on this CPU (hot-unplug). Only a trace workload asks for it. */
    public static final int CPU_DEAD = 5;

    public int kind;
    public long size;
    public long limit;
    public boolean flush = true;
    public long pfn;
    /** For ALLOC/MAP: the CPU whose workload will hold (and later free) the mapping; may be this CPU. */
    public int freeCpu;
    /**
     * This CPU's next operation follows this one at once, before any other CPU's (a driver's two
     * back-to-back calls, e.g. unmapping a buffer and mapping its replacement). Generators clear it
     * for every operation.
     */
    public boolean chained;
    /** For MAP: the device ({@link dev.iovasim.allocator.DmaLayer} numbering; 0 is the default device). */
    public int device;
    /** For MAP: the device's name as a trace writes it; null for the default device. */
    public String deviceName;
    /** Virtual time between this CPU's previous operation and this one. */
    public long gapNanos;

    public void alloc(long size, long limit, boolean flush, int freeCpu) {
        this.kind = ALLOC;
        this.size = size;
        this.limit = limit;
        this.flush = flush;
        this.freeCpu = freeCpu;
    }

    /** A map on the default device. */
    public void map(long size, long limit, int freeCpu) {
        map(size, limit, freeCpu, 0, null);
    }

    public void map(long size, long limit, int freeCpu, int device, String deviceName) {
        this.kind = MAP;
        this.device = device;
        this.deviceName = deviceName;
        this.size = size;
        this.limit = limit;
        this.flush = true;
        this.freeCpu = freeCpu;
    }

    public void free(long pfn, long size) {
        this.kind = FREE;
        this.pfn = pfn;
        this.size = size;
    }

    /** Reserves {@code [lo, hi]}: carried in {@link #pfn} and {@link #limit}. */
    public void reserve(long lo, long hi) {
        this.kind = RESERVE;
        this.pfn = lo;
        this.limit = hi;
    }

    public void cpuDead() {
        this.kind = CPU_DEAD;
    }
}
