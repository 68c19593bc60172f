package dev.iovasim.allocator.trace;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Invalidation;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a run's operations as a version-1 trace, one line each, without a String per line.
 * Allocations carry the pfn the run got as a trailing comment ({@code map 3 1 LIMIT # 1047552}),
 * so a replay can be checked against the run line by line; frees are literal
 * ({@code free CPU PFN SIZE}), which needs no bookkeeping of allocation numbers. {@link Replay}
 * writes its output through it too: a pfn a line ({@link #unsignedLine}), then the summary; and so
 * does an import, whose lines carry the kernel's pfn instead ({@link #imported}).
 */
public final class TraceWriter implements Closeable {
    private static final byte[] RESERVE = bytes("reserve ");
    private static final byte[] ALLOC = bytes("alloc ");
    private static final byte[] MAP = bytes("map ");
    private static final byte[] FREE = bytes("free ");
    private static final byte[] CPUDEAD = bytes("cpudead ");
    private static final byte[] NOFLUSH = bytes(" noflush");
    private static final byte[] RESULT = bytes(" # ");
    private static final byte[] DEV = bytes(" dev=");
    private static final byte[] CLOCK = bytes("clock ");
    private static final byte[] KERNEL_PFN = bytes(" # kernel pfn 0x");
    private static final byte[] BY_NUMBER = bytes(" @");

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int pos;
    // the last device name written and its bytes: a workload's names are the same few strings
    private String lastDevice;
    private byte[] lastDeviceBytes;

    public TraceWriter(OutputStream out) {
        this.out = out;
    }

    /** Comment lines, then the {@code domain} header; a lazy mode is written as its {@code invalidation=} key (version 3). */
    public void header(DomainConfig config, Iterable<String> comments, Invalidation invalidation) {
        for (String c : comments) comment(c);
        text(bytes("domain cpus=" + config.cpus() + " granule=" + config.granule() + " start_pfn=" + config.startPfn()
                + (invalidation.lazy() ? " invalidation=" + invalidation.word() : "") + "\n"));
    }

    /** {@code clock NS} (version 3): the simulated time is now NS nanoseconds. */
    public void clock(long nanos) {
        op(CLOCK, nanos);
        end();
    }

    public void comment(String text) {
        text(bytes("# " + text.replace('\n', ' ') + "\n"));
    }

    /** {@code v} as an unsigned decimal on a line of its own. */
    public void unsignedLine(long v) {
        room();
        number(v);
        end();
    }

    /** A line of free text, in UTF-8. */
    public void line(String s) {
        text((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code reserve LO HI}, followed by {@code # WHY} unless {@code why} is null. */
    public void reserve(long lo, long hi, String why) {
        op(RESERVE, lo);
        field(hi);
        if (why != null) {
            put(RESULT);
            text(bytes(why));
            room();
        }
        end();
    }

    public void alloc(int cpu, long size, long limit, boolean flush, long pfn) {
        op(ALLOC, cpu);
        field(size);
        field(limit);
        if (!flush) put(NOFLUSH);
        result(pfn);
    }

    /**
     * A map on the device called {@code device} ({@code dev=NAME}), or on the default device when
     * it is null; names come from {@link TraceReader#deviceName}, so they are valid trace tokens.
     */
    public void map(int cpu, long size, long limit, String device, long pfn) {
        op(MAP, cpu);
        field(size);
        field(limit);
        device(device);
        result(pfn);
    }

    /**
     * An imported {@code map} (or {@code alloc}), its device named when known, with the kernel's pfn
     * as a trailing {@code # kernel pfn 0x...} comment, which {@link KernelCompare} reads back.
     */
    public void imported(boolean map, int cpu, long size, long limit, String device, long kernelPfn) {
        op(map ? MAP : ALLOC, cpu);
        field(size);
        field(limit);
        device(device);
        kernelPfn(kernelPfn);
    }

    /** An imported {@code free CPU @N}: by allocation number, since the replayed pfn may differ from the kernel's. */
    public void importedFree(int cpu, long allocation, long kernelPfn) {
        op(FREE, cpu);
        put(BY_NUMBER);
        number(allocation);
        kernelPfn(kernelPfn);
    }

    public void free(int cpu, long pfn, long size) {
        op(FREE, cpu);
        field(pfn);
        field(size);
        end();
    }

    public void cpuDead(int cpu) {
        op(CPUDEAD, cpu);
        end();
    }

    /** Writes out what is buffered; the stream stays open. */
    public void flush() {
        drain();
        unchecked(out::flush);
    }

    @Override
    public void close() {
        drain();
        unchecked(out::close);
    }

    private void result(long pfn) {
        put(RESULT);
        number(pfn);
        end();
    }

    private void kernelPfn(long pfn) {
        put(KERNEL_PFN);
        hex(pfn);
        end();
    }

    /** {@code dev=NAME} unless null; an imported name may be of any length, so it goes as text. */
    private void device(String device) {
        if (device == null) return;
        if (device != lastDevice) {
            lastDevice = device;
            lastDeviceBytes = bytes(device);
        }
        put(DEV);
        text(lastDeviceBytes);
        room();
    }

    private void text(byte[] b) {
        if (pos + b.length > buf.length) drain();
        if (b.length > buf.length) {
            write(b, b.length);
            return;
        }
        put(b);
    }

    /** Every operation line's fields fit in 256 bytes; a device name or a reserve's why is text. */
    private void room() {
        if (pos + 256 > buf.length) drain();
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** An operation's word and first field, with room in the buffer for the rest of its line. */
    private void op(byte[] word, long first) {
        room();
        put(word);
        number(first);
    }

    private void field(long v) {
        buf[pos++] = ' ';
        number(v);
    }

    private void end() {
        buf[pos++] = '\n';
    }

    /** {@code v} in lower-case hexadecimal without leading zeros, as {@link Long#toHexString} writes it. */
    private void hex(long v) {
        int n = 0;
        do {
            digits[n++] = (byte) Character.forDigit((int) (v & 0xf), 16);
            v >>>= 4;
        } while (v != 0);
        while (n > 0) buf[pos++] = digits[--n];
    }

    private void number(long v) {
        int n = 0;
        if (v < 0) {
            long q = Long.divideUnsigned(v, 10);
            digits[n++] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        do {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n > 0) buf[pos++] = digits[--n];
    }

    private void drain() {
        write(buf, pos);
        pos = 0;
    }

    private void write(byte[] b, int len) {
        unchecked(() -> out.write(b, 0, len));
    }

    private interface Io {
        void run() throws IOException;
    }

    /** The stream's failures as unchecked ones: writing a trace is a step of a run, not its input. */
    private static void unchecked(Io step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
