package dev.iovasim.allocator.trace;

import java.util.Arrays;

/**
 * A trace's allocations in the order they happened, numbered from {@code @1} as
 * {@code free CPU @N} names them: each one's pfn (0 when it failed), size, the CPU that holds it
 * and whether it is still held, in primitive arrays, so that a trace costs nothing per line
 * beyond them. {@link Replay} and the trace workload both keep a trace's allocations here, and so
 * judge an {@code @N} by the same rule.
 */
public final class TraceAllocations {
    private static final byte HELD = 0;
    private static final byte FREED = 1;
    /** No longer held because a literal free returned its pfn: {@code @N} may still free it. */
    private static final byte RETURNED = 2;

    private long[] pfns = new long[1 << 12];
    private long[] sizes = new long[1 << 12];
    private int[] holders = new int[1 << 12];
    private byte[] states = new byte[1 << 12];
    private int count;

    /** Adds an allocation of {@code size} pages held by {@code holder}, with its pfn (0 until known, see {@link #result}). */
    public void add(long size, int holder, long pfn) {
        if (count == pfns.length) {
            int n = count * 2;
            pfns = Arrays.copyOf(pfns, n);
            sizes = Arrays.copyOf(sizes, n);
            holders = Arrays.copyOf(holders, n);
            states = Arrays.copyOf(states, n);
        }
        pfns[count] = pfn;
        sizes[count] = size;
        holders[count] = holder;
        count++;
    }

    /** The newest allocation got {@code pfn}. */
    public void result(long pfn) {
        pfns[count - 1] = pfn;
    }

    /**
     * Marks the allocation that {@code reader}'s current line frees by {@code @N} as freed and
     * returns its index; naming one that has not happened yet, or one already freed, is the line's error.
     */
    public int free(TraceReader reader) throws TraceException {
        long n = reader.ref();
        if (n > count) {
            throw new TraceException(reader.lineNo(), "@" + n + " names an allocation that has not happened yet", reader.text());
        }
        int i = (int) (n - 1);
        if (states[i] == FREED) throw new TraceException(reader.lineNo(), "@" + n + " is freed a second time", reader.text());
        states[i] = FREED;
        return i;
    }

    /** A literal free ends the holding of the newest held allocation of {@code pfn}, if any. */
    public void returned(long pfn) {
        for (int i = count - 1; i >= 0; i--) {
            if (states[i] == HELD && pfns[i] == pfn) {
                states[i] = RETURNED;
                return;
            }
        }
    }

    public int count() {
        return count;
    }

    public long pfn(int i) {
        return pfns[i];
    }

    public long size(int i) {
        return sizes[i];
    }

    public int holder(int i) {
        return holders[i];
    }

    /** Whether allocation {@code i} succeeded and its caller still holds it. */
    public boolean held(int i) {
        return states[i] == HELD && pfns[i] != 0;
    }
}
