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

    private final DomainConfig config;
    private byte[] kind = new byte[1024];
    private int[] cpu = new int[1024];
    private long[] a = new long[1024];
    private long[] b = new long[1024];
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
        if (length == kind.length) {
            int cap = length * 2;
            kind = Arrays.copyOf(kind, cap);
            cpu = Arrays.copyOf(cpu, cap);
            a = Arrays.copyOf(a, cap);
            b = Arrays.copyOf(b, cap);
        }
        kind[length] = k;
        cpu[length] = c;
        a[length] = x;
        b[length] = y;
        length++;
    }

    /**
     * Runs the tape on {@code allocator}, using {@code results} (at least {@link #allocs} long)
     * and {@code sizes} as scratch. Returns a checksum of the pfns so the work cannot be elided.
     */
    public long run(IovaAllocator allocator, long[] results, long[] sizes) {
        long sum = 0;
        int n = 0;
        for (int i = 0; i < length; i++) {
            switch (kind[i]) {
                case ALLOC, ALLOC_NOFLUSH -> {
                    long pfn = allocator.alloc(cpu[i], a[i], b[i], kind[i] == ALLOC);
                    sizes[n] = a[i];
                    results[n++] = pfn;
                    sum += pfn;
                }
                case MAP -> {
                    long pfn = allocator.map(cpu[i], a[i], b[i]);
                    sizes[n] = a[i];
                    results[n++] = pfn;
                    sum += pfn;
                }
                case FREE -> {
                    int k = (int) a[i];
                    if (results[k] != 0) allocator.free(cpu[i], results[k], sizes[k]);
                }
                default -> allocator.reserve(a[i], b[i]);
            }
        }
        return sum;
    }

    /** Writes the tape as a version-1 trace. */
    public void writeTrace(Writer w, String comment) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        w.write("# " + comment + "\n");
        w.write("domain cpus=" + config.cpus() + " granule=" + config.granule() + " start_pfn=" + config.startPfn() + "\n");
        for (int i = 0; i < length; i++) {
            sb.setLength(0);
            switch (kind[i]) {
                case ALLOC -> sb.append("alloc ").append(cpu[i]).append(' ').append(a[i]).append(' ').append(Long.toUnsignedString(b[i]));
                case ALLOC_NOFLUSH -> sb.append("alloc ").append(cpu[i]).append(' ').append(a[i]).append(' ')
                        .append(Long.toUnsignedString(b[i])).append(" noflush");
                case MAP -> sb.append("map ").append(cpu[i]).append(' ').append(a[i]).append(' ').append(Long.toUnsignedString(b[i]));
                case FREE -> sb.append("free ").append(cpu[i]).append(" @").append(a[i] + 1);
                default -> sb.append("reserve ").append(a[i]).append(' ').append(b[i]);
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }
}
