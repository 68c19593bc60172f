package dev.iovasim.allocator.bench;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A pre-generated sequence of trace operations in primitive arrays, so a benchmark times the
 * allocator and nothing else. Frees name an earlier allocation by index, like a trace's
 * {@code free CPU @N}.
 */
public final class OpTape {
    static final byte ALLOC = 1;
    static final byte ALLOC_NOFLUSH = 2;
    static final byte MAP = 3;
    static final byte FREE = 4;
    static final byte RESERVE = 5;

    /** Longs per operation in {@link #ops}. */
    private static final int STRIDE = 3;

    private final DomainConfig config;
    /**
     * The operations, {@link #STRIDE} longs each, side by side: the kind and CPU
     * ({@code kind << 32 | cpu}), then the operands (size and limit, an allocation's index, or a range).
     */
    private long[] ops = new long[STRIDE * 1024];
    private int length;
    private int allocs;

    public OpTape(DomainConfig config) {
        this.config = config;
    }

    public DomainConfig config() {
        return config;
    }

    public int length() {
        return length;
    }

    public int allocs() {
        return allocs;
    }

    /** Appends an allocation and returns its index (0-based) for a later {@link #free}. */
    int alloc(int c, long size, long limit, boolean flush) {
        add(flush ? ALLOC : ALLOC_NOFLUSH, c, size, limit);
        return allocs++;
    }

    int map(int c, long size, long limit) {
        add(MAP, c, size, limit);
        return allocs++;
    }

    void free(int c, int allocIndex) {
        add(FREE, c, allocIndex, 0);
    }

    void reserve(long lo, long hi) {
        add(RESERVE, 0, lo, hi);
    }

    private void add(byte k, int c, long x, long y) {
        int i = STRIDE * length;
        if (i == ops.length) ops = Arrays.copyOf(ops, 2 * i);
        ops[i] = (long) k << 32 | Integer.toUnsignedLong(c);
        ops[i + 1] = x;
        ops[i + 2] = y;
        length++;
    }

    /**
     * Runs the tape on {@code allocator}, using {@code results} (at least {@link #allocs} long)
     * and {@code sizes} as scratch. Returns a checksum of the pfns so the work cannot be elided.
     */
    public long run(IovaAllocator allocator, long[] results, long[] sizes) {
        long sum = 0;
        int n = 0;
        for (int i = 0; i < STRIDE * length; i += STRIDE) {
            byte kind = (byte) (ops[i] >>> 32);
            int cpu = (int) ops[i];
            long a = ops[i + 1];
            long b = ops[i + 2];
            switch (kind) {
                case ALLOC, ALLOC_NOFLUSH, MAP -> {
                    long pfn = kind == MAP ? allocator.map(cpu, a, b) : allocator.alloc(cpu, a, b, kind == ALLOC);
                    sizes[n] = a;
                    results[n++] = pfn;
                    sum += pfn;
                }
                case FREE -> {
                    int k = (int) a;
                    if (results[k] != 0) allocator.free(cpu, results[k], sizes[k]);
                }
                default -> allocator.reserve(a, b);
            }
        }
        return sum;
    }

    /** Writes the tape as a version-1 trace. */
    public void writeTrace(Writer w, String comment) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        w.write("# " + comment + "\n");
        w.write("domain cpus=" + config.cpus() + " granule=" + config.granule() + " start_pfn=" + config.startPfn() + "\n");
        for (int i = 0; i < STRIDE * length; i += STRIDE) {
            int cpu = (int) ops[i];
            long a = ops[i + 1];
            long b = ops[i + 2];
            byte kind = (byte) (ops[i] >>> 32);
            sb.setLength(0);
            switch (kind) {
                case ALLOC, ALLOC_NOFLUSH, MAP -> sb.append(kind == MAP ? "map " : "alloc ").append(cpu).append(' ').append(a).append(' ')
                        .append(Long.toUnsignedString(b)).append(kind == ALLOC_NOFLUSH ? " noflush" : "");
                case FREE -> sb.append("free ").append(cpu).append(" @").append(a + 1);
                default -> sb.append("reserve ").append(a).append(' ').append(b);
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }
}
