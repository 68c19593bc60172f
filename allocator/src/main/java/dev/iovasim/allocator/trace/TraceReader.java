package dev.iovasim.allocator.trace;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Invalidation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a version-1 trace one operation at a time into reused fields: a million-line trace
 * costs no object per line. Validates everything that can be judged from the line itself and
 * the header; references to earlier allocations ({@code @N}) are the replayer's to judge.
 */
public final class TraceReader {
    public static final int RESERVE = 1;
    public static final int ALLOC = 2;
    public static final int MAP = 3;
    public static final int FREE_REF = 4;
    public static final int FREE_PFN = 5;
    public static final int CPUDEAD = 6;
    /** Version 3: {@code clock NS}, the simulated time moves to NS nanoseconds. */
    public static final int CLOCK = 7;

    private static final int MAX_CPUS = DomainConfig.MAX_CPUS;
    private static final int MAX_TOKENS = 8;
    /** Longest device name in {@code dev=NAME}. */
    public static final int MAX_DEVICE_NAME = 64;
    private static final byte[] DEV = "dev=".getBytes(StandardCharsets.US_ASCII);
    /** The header's keys: the numeric ones first, then {@code invalidation} (version 3). */
    private static final List<String> HEADER_KEYS = List.of("cpus", "granule", "start_pfn", "invalidation");

    private final InputStream in;
    // the current line is line[lineStart, lineEnd) inside the read buffer: no copy per line
    private byte[] line = new byte[1 << 16];
    private int lineStart;
    private int lineEnd;
    private int bufLen;
    private boolean eof;
    private final int[] tokStart = new int[MAX_TOKENS];
    private final int[] tokEnd = new int[MAX_TOKENS];
    private int tokens;
    private long lineNo;
    private boolean sawHeader;
    private boolean sawOp;
    private DomainConfig config = DomainConfig.defaults();
    private Invalidation invalidation;

    // the current operation
    private int kind;
    private int cpu;
    private long a;
    private long b;
    private boolean noflush;
    private int device;
    /** Device names by id ({@code DmaLayer} numbering): 0 is the default device, which has none. */
    private byte[][] deviceNames = new byte[4][];
    private String[] deviceStrings = new String[4];
    private int devices = 1;

    public TraceReader(InputStream in) {
        this.in = in;
    }

    public DomainConfig config() {
        return config;
    }

    /** The header's {@code invalidation=} (version 3), or null when the trace does not name one. */
    public Invalidation invalidation() {
        return invalidation;
    }

    public long lineNo() {
        return lineNo;
    }

    public int kind() {
        return kind;
    }

    public int cpu() {
        return cpu;
    }

    /** SIZE of alloc/map/free, LO of reserve, N of free @N. */
    public long size() {
        return a;
    }

    /** LIMIT of alloc/map. */
    public long limit() {
        return b;
    }

    public long ref() {
        return a;
    }

    public long pfn() {
        return a;
    }

    /** SIZE of a literal {@code free CPU PFN SIZE}. */
    public long freeSize() {
        return b;
    }

    public long lo() {
        return a;
    }

    public long hi() {
        return b;
    }

    public boolean noflush() {
        return noflush;
    }

    /**
     * The device of a map: {@link dev.iovasim.allocator.DmaLayer#DEFAULT_DEVICE} without
     * {@code dev=NAME}, else the name's id, numbered from 1 in order of first appearance.
     */
    public int device() {
        return device;
    }

    /** The name of device {@code id} as the trace spells it; null for the default device. */
    public String deviceName(int id) {
        return deviceStrings[id];
    }

    /** The current line as text, for messages. */
    public String text() {
        return new String(line, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8).strip();
    }

    /** Advances to the next operation; false at the end of the trace. */
    public boolean next() throws IOException, TraceException {
        while (scanLine()) {
            if (tokens == 0) continue;
            if (is(0, "domain")) {
                parseHeader();
                continue;
            }
            parseOp();
            sawOp = true;
            return true;
        }
        return false;
    }

    private void parseOp() throws TraceException {
        noflush = false;
        if (is(0, "alloc")) {
            if (tokens == 5) {
                if (!is(4, "noflush")) throw error("unknown option '" + token(4) + "'");
                noflush = true;
            } else {
                expect(4, "alloc CPU SIZE LIMIT [noflush]");
            }
            cpuSizeLimit(ALLOC);
        } else if (is(0, "map")) {
            if (tokens != 4 && tokens != 5) throw error("expected 'map CPU SIZE LIMIT [dev=NAME]'");
            cpuSizeLimit(MAP);
            device = tokens == 5 ? device(4) : 0;
        } else if (is(0, "free")) {
            if (tokens == 3 && line[tokStart[2]] == '@') {
                kind = FREE_REF;
                cpu = cpu(1);
                tokStart[2]++;
                a = number(2);
                if (a == 0) throw error("allocations are counted from @1");
            } else {
                expect(4, "free CPU @N or free CPU PFN SIZE");
                kind = FREE_PFN;
                cpu = cpu(1);
                a = number(2);
                b = size(3);
            }
        } else if (is(0, "reserve")) {
            expect(3, "reserve LO HI");
            kind = RESERVE;
            a = number(1);
            b = number(2);
            if (Long.compareUnsigned(a, b) > 0) throw error("reserve with LO > HI");
        } else if (is(0, "clock")) {
            expect(2, "clock NS");
            kind = CLOCK;
            a = number(1);
            if (a < 0) throw error("clock beyond 2^63 - 1 ns");
        } else if (is(0, "cpudead")) {
            expect(2, "cpudead CPU");
            kind = CPUDEAD;
            cpu = cpu(1);
        } else {
            throw error("unknown operation '" + token(0) + "'");
        }
    }

    /** The operands 'alloc' and 'map' share: CPU SIZE LIMIT, into cpu, a and b. */
    private void cpuSizeLimit(int k) throws TraceException {
        kind = k;
        cpu = cpu(1);
        a = size(2);
        b = number(3);
    }

    private void parseHeader() throws TraceException {
        if (sawOp) throw error("header after the first operation");
        if (sawHeader) throw error("second header");
        sawHeader = true;
        // the numeric keys' values (HEADER_KEYS' order), defaults until the header sets them
        long[] numbers = {1, 4096, 1};
        boolean[] seen = new boolean[HEADER_KEYS.size()];
        for (int t = 1; t < tokens; t++) {
            String tok = token(t);
            int eq = tok.indexOf('=');
            if (eq <= 0) throw error("header field '" + tok + "' is not KEY=VALUE");
            String key = tok.substring(0, eq);
            int slot = HEADER_KEYS.indexOf(key);
            if (slot < 0) throw error("unknown header key '" + key + "'");
            if (seen[slot]) throw error("header key '" + key + "' given twice");
            seen[slot] = true;
            tokStart[t] += eq + 1;
            if (slot < numbers.length) {
                numbers[slot] = number(t);
                continue;
            }
            try {
                invalidation = Invalidation.of(token(t));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        long cpus = numbers[0];
        long granule = numbers[1];
        long start = numbers[2];
        if (cpus < 1 || cpus > MAX_CPUS) throw error("cpus must be in 1.." + MAX_CPUS);
        if (!DomainConfig.isGranule(granule)) throw error(DomainConfig.GRANULE_RULE);
        // the kernel's start_pfn is an unsigned long; the simulated domain keeps pfns in a signed long (and a pfn of
        // 2^52 or more, at 4 KiB pages, is beyond any 64-bit address anyway)
        if (start < 1) throw error("start_pfn must be in 1..2^63 - 1");
        config = new DomainConfig((int) cpus, granule, start);
    }

    // ---------------------------------------------------------------- fields

    private void expect(int n, String form) throws TraceException {
        if (tokens != n) throw error("expected '" + form + "'");
    }

    /** {@code dev=NAME}: a name of printable ASCII without {@code #}, interned to a small id. */
    private int device(int t) throws TraceException {
        int s = tokStart[t];
        int e = tokEnd[t];
        if (e - s < DEV.length || !Arrays.equals(line, s, s + DEV.length, DEV, 0, DEV.length)) {
            throw error("unknown map option '" + token(t) + "' (expected dev=NAME)");
        }
        s += DEV.length;
        if (s == e) throw error("dev= needs a device name");
        if (e - s > MAX_DEVICE_NAME) throw error("device name longer than " + MAX_DEVICE_NAME + " characters");
        for (int i = s; i < e; i++) {
            if (line[i] < 0x21 || line[i] > 0x7e) throw error("device name '" + token(t).substring(4) + "' is not printable ASCII");
        }
        for (int id = 1; id < devices; id++) {
            byte[] n = deviceNames[id];
            if (n.length == e - s && Arrays.equals(n, 0, n.length, line, s, e)) return id;
        }
        if (devices == deviceNames.length) {
            deviceNames = Arrays.copyOf(deviceNames, devices * 2);
            deviceStrings = Arrays.copyOf(deviceStrings, devices * 2);
        }
        deviceNames[devices] = Arrays.copyOfRange(line, s, e);
        deviceStrings[devices] = new String(deviceNames[devices], StandardCharsets.US_ASCII);
        return devices++;
    }

    private int cpu(int t) throws TraceException {
        long v = number(t);
        if (Long.compareUnsigned(v, config.cpus()) >= 0) {
            throw error("CPU " + Long.toUnsignedString(v) + " out of range 0.." + (config.cpus() - 1));
        }
        return (int) v;
    }

    private long size(int t) throws TraceException {
        long v = number(t);
        if (v == 0) throw error("SIZE is 0");
        return v;
    }

    /** An unsigned decimal, or hexadecimal after {@code 0x}, that fits in 64 bits. */
    private long number(int t) throws TraceException {
        int s = tokStart[t];
        int e = tokEnd[t];
        if (s >= e) throw error("missing number");
        long v = 0;
        if (e - s > 2 && line[s] == '0' && (line[s + 1] == 'x' || line[s + 1] == 'X')) {
            s += 2;
            if (e - s > 16) throw error("number does not fit in 64 bits '" + token(t) + "'");
            for (int i = s; i < e; i++) {
                int d = Character.digit(line[i], 16);
                if (d < 0) throw error("bad number '" + token(t) + "'");
                v = v << 4 | d;
            }
            return v;
        }
        for (int i = s; i < e; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) throw error("bad number '" + token(t) + "'");
            // 2^64-1 = 18446744073709551615
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || (v == 1844674407370955161L && d > 5)) {
                throw error("number does not fit in 64 bits '" + token(t) + "'");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean is(int t, String word) {
        int len = tokEnd[t] - tokStart[t];
        if (len != word.length()) return false;
        for (int i = 0; i < len; i++) {
            if (line[tokStart[t] + i] != word.charAt(i)) return false;
        }
        return true;
    }

    private String token(int t) {
        return new String(line, tokStart[t], tokEnd[t] - tokStart[t], StandardCharsets.UTF_8);
    }

    private TraceException error(String why) {
        return new TraceException(lineNo, why, text());
    }

    // ---------------------------------------------------------------- bytes

    /**
     * Finds the next line in the buffer and splits it into tokens in the same pass (a {@code #}
     * ends the tokens). Refills, compacting the unread tail, when a line runs past the buffer.
     * Returns false at the end of input.
     */
    private boolean scanLine() throws IOException, TraceException {
        int start = lineEnd < bufLen && line[lineEnd] == '\n' ? lineEnd + 1 : lineEnd;
        while (true) {
            tokens = 0;
            int i = start;
            boolean comment = false;
            while (i < bufLen) {
                byte c = line[i];
                if (c == '\n') break;
                if (comment || c == ' ' || c == '\t' || c == '\r') {
                    i++;
                    continue;
                }
                if (c == '#') {
                    comment = true;
                    i++;
                    continue;
                }
                if (tokens == MAX_TOKENS) {
                    lineStart = start;
                    lineEnd = i;
                    while (lineEnd < bufLen && line[lineEnd] != '\n') lineEnd++;
                    lineNo++;
                    throw error("too many fields");
                }
                tokStart[tokens] = i;
                while (i < bufLen && (c = line[i]) != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '#') i++;
                tokEnd[tokens++] = i;
            }
            if (i < bufLen || eof) {
                if (i == start && eof && i >= bufLen) return false;
                lineStart = start;
                lineEnd = i;
                lineNo++;
                return true;
            }
            start = refill(start);
        }
    }

    /** Moves the unread bytes from {@code keep} to the front, reads more, and returns the new {@code keep}. */
    private int refill(int keep) throws IOException {
        int tail = bufLen - keep;
        if (tail == line.length) line = Arrays.copyOf(line, line.length * 2);
        System.arraycopy(line, keep, line, 0, tail);
        bufLen = tail;
        lineEnd = 0;
        int n = in.read(line, bufLen, line.length - bufLen);
        if (n <= 0) {
            eof = true;
        } else {
            bufLen += n;
        }
        return 0;
    }
}
