package dev.iovasim.allocator.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code replay --compare-kernel}: sets each replayed pfn beside the kernel's, which an imported
 * trace keeps on its allocation lines as {@code # kernel pfn 0x...}. Sits between the replay and
 * its output (every byte passes through unchanged) and reads the trace a second time, one
 * allocation line per output pfn, so it holds nothing per line.
 *
 * <p>A difference is information, not an error: a capture starts in the middle of the domain's
 * life and other domains fire the same tracepoints.
 */
public final class KernelCompare extends OutputStream {
    static final String MARK = "# kernel pfn ";

    private final OutputStream out;
    private final BufferedReader trace;
    private final StringBuilder line = new StringBuilder(32);
    private long traceLine;
    private long allocations;
    private long withKernel;
    private long equal;
    private String firstDifference;
    private boolean summaryStarted;

    /** @param trace the same trace the replay reads, opened again */
    public KernelCompare(OutputStream out, InputStream trace) {
        this.out = out;
        this.trace = new BufferedReader(new InputStreamReader(trace, StandardCharsets.ISO_8859_1), 1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        see(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) see(b[i]);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            trace.close();
        }
    }

    private void see(int b) throws IOException {
        if (b != '\n') {
            if (line.length() < 64) line.append((char) b);
            return;
        }
        if (line.length() > 0 && line.charAt(0) == '#') {
            summaryStarted = true; // the summary lines come after the last pfn
        } else if (!summaryStarted && line.length() > 0) {
            result(Long.parseUnsignedLong(line, 0, line.length(), 10));
        }
        line.setLength(0);
    }

    /** Pairs one replayed pfn with the next allocation line of the trace. */
    private void result(long pfn) throws IOException {
        allocations++;
        String t;
        while ((t = trace.readLine()) != null) {
            traceLine++;
            String s = t.stripLeading();
            if (s.startsWith("map ") || s.startsWith("alloc ")) {
                int m = s.indexOf(MARK);
                if (m < 0) return;
                withKernel++;
                int from = m + MARK.length();
                int end = s.indexOf(' ', from);
                if (end < 0) end = s.length();
                long kernel = s.startsWith("0x", from) ? Long.parseUnsignedLong(s, from + 2, end, 16) : Long.parseUnsignedLong(s, from, end, 10);
                if (kernel == pfn) {
                    equal++;
                } else if (firstDifference == null) {
                    firstDifference = "trace line " + traceLine + " (allocation " + allocations + "): kernel 0x"
                            + Long.toHexString(kernel) + ", simulated 0x" + Long.toHexString(pfn) + ": " + s;
                }
                return;
            }
        }
    }

    /** The report line: how many equal, of how many, and the first difference. */
    public String report() {
        if (withKernel == 0) return "compare-kernel: no allocation line carries a '# kernel pfn' comment";
        String pct = String.format(java.util.Locale.ROOT, "%.1f", 100.0 * equal / withKernel);
        return "compare-kernel: " + equal + " of " + withKernel + " allocations got the kernel's pfn (" + pct + "%)"
                + (allocations > withKernel ? "; " + (allocations - withKernel) + " without a kernel pfn" : "")
                + (firstDifference == null ? "" : "; first difference at " + firstDifference);
    }
}
