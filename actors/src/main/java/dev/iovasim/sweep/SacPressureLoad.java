package dev.iovasim.sweep;

import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.PfnSink;
import dev.iovasim.allocator.workload.WorkOp;
import java.util.SplittableRandom;

/**
 * The built-in runner's seeded load: a DMA layer mapping small buffers for 64-bit devices (and
 * a few 32-bit ones) in a 32-bit space that is nearly all reserved, so SAC attempts run short
 * of room. Each CPU maps and holds up to {@link #DEPTH} buffers; the unmap happens mostly on
 * another CPU, which moves pfns between CPUs' magazines, as completion interrupts do.
 */
final class SacPressureLoad {
    /** Last pfn below 4 GiB with 4 KiB pages: the SAC limit. */
    static final long PFN_32BIT = (1L << 20) - 1;
    static final long PFN_64BIT = (1L << 52) - 1;
    /** pfns left free below 4 GiB: room for a few hundred small buffers. */
    static final long WINDOW = 2048;
    static final int DEPTH = 32;
    private static final long[] SIZES = {1, 1, 1, 1, 2, 2, 4, 8};

    private final int cpus;
    private final SplittableRandom random;
    private final long[][] pfns;
    private final long[][] sizes;
    private final int[] head;
    private final int[] count;

    SacPressureLoad(int cpus, long seed) {
        this.cpus = cpus;
        this.random = new SplittableRandom(seed);
        this.pfns = new long[cpus][DEPTH];
        this.sizes = new long[cpus][DEPTH];
        this.head = new int[cpus];
        this.count = new int[cpus];
    }

    /** Reserves all of the 32-bit space but the top {@link #WINDOW} pfns. */
    void setup(IovaAllocator allocator) {
        if (!allocator.reserve(1, PFN_32BIT - WINDOW)) throw new IllegalStateException("cannot reserve the 32-bit space");
    }

    /**
     * Fills {@code op} with the next operation and returns the CPU it runs on. A map's buffer
     * is then handed to {@link #hold} if it succeeded.
     */
    int next(WorkOp op) {
        int c = random.nextInt(cpus);
        if (count[c] < DEPTH && (count[c] == 0 || random.nextBoolean())) {
            long limit = random.nextInt(16) == 0 ? PFN_32BIT : PFN_64BIT;
            op.map(SIZES[random.nextInt(SIZES.length)], limit, c);
            return c;
        }
        int slot = head[c];
        op.free(pfns[c][slot], sizes[c][slot]);
        head[c] = (slot + 1) % DEPTH;
        count[c]--;
        return cpus > 1 && random.nextInt(4) != 0 ? (c + 1 + random.nextInt(cpus - 1)) % cpus : c;
    }

    /** CPU {@code cpu} holds a buffer it mapped, to be unmapped later. */
    void hold(int cpu, long pfn, long size) {
        int slot = (head[cpu] + count[cpu]++) % DEPTH;
        pfns[cpu][slot] = pfn;
        sizes[cpu][slot] = size;
    }

    void forEachHeld(PfnSink sink) {
        for (int c = 0; c < cpus; c++) {
            for (int i = 0; i < count[c]; i++) sink.accept(pfns[c][(head[c] + i) % DEPTH]);
        }
    }
}
