package dev.iovasim.capture;

import java.io.IOException;
import java.io.Writer;

/**
 * The trace lines an import writes: operations with the kernel's own pfn as a trailing
 * {@code # kernel pfn 0x...} comment, which {@code replay --compare-kernel} reads back.
 */
final class TraceLines {
    static final String KERNEL_PFN = "# kernel pfn 0x";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(128);

    TraceLines(Writer out) {
        this.out = out;
    }

    void comment(String text) throws IOException {
        out.write("# " + text.replace('\n', ' ') + "\n");
    }

    void header(int cpus, long granule) throws IOException {
        out.write("domain cpus=" + cpus + " granule=" + granule + " start_pfn=1\n");
    }

    void reserve(long lo, long hi, String why) throws IOException {
        line.setLength(0);
        line.append("reserve ").append(Long.toUnsignedString(lo)).append(' ').append(Long.toUnsignedString(hi));
        line.append(" # ").append(why).append('\n');
        out.append(line);
    }

    /**
     * {@code map CPU SIZE LIMIT} or {@code alloc CPU SIZE LIMIT}, with {@code dev=NAME} (the trace
     * format's version-2 addition) when the device is known.
     */
    void allocation(boolean map, int cpu, long pages, long limit, String device, long kernelPfn) throws IOException {
        line.setLength(0);
        line.append(map ? "map " : "alloc ").append(cpu).append(' ').append(pages).append(' ').append(Long.toUnsignedString(limit));
        if (device != null) line.append(" dev=").append(device);
        kernel(kernelPfn);
    }

    /** {@code free CPU @N}: by allocation number, since the replayed pfn may differ from the kernel's. */
    void free(int cpu, long allocation, long kernelPfn) throws IOException {
        line.setLength(0);
        line.append("free ").append(cpu).append(" @").append(allocation);
        kernel(kernelPfn);
    }

    private void kernel(long pfn) throws IOException {
        line.append(' ').append(KERNEL_PFN).append(Long.toHexString(pfn)).append('\n');
        out.append(line);
    }
}
