package dev.iovasim.capture;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Text of the kernel's function tracer: {@code trace-cmd report}, {@code /sys/kernel/tracing/trace}
 * and {@code trace_pipe}. An event line is
 * {@code TASK-PID [CPU] FLAGS? SECONDS.FRACTION: EVENT: PAYLOAD}; the task name may hold spaces,
 * dashes and brackets, so the line is read from its {@code [CPU]} field onwards.
 *
 * <p>Payloads, as {@code include/trace/events/iommu.h} prints them: since v5.13 (and in v6.x)
 * {@code map} is {@code IOMMU: iova=0x.. - 0x.. paddr=0x.. size=N} and {@code unmap} is
 * {@code IOMMU: iova=0x.. - 0x.. size=N unmapped_size=N}; from v3.15 to v5.12 the {@code - END}
 * part is absent; some vendor kernels add {@code dev=NAME}. The payload is therefore read as
 * {@code key=value} words in any order, a {@code -} word skipping the end address after it.
 *
 * <p>The dma.h events that follow a mapping ({@code dma_map_*}, {@code dma_alloc*}) are read
 * for their device name and address only.
 *
 * <p>The CPU count comes from the header when there is one: {@code cpus=N} (first line of
 * {@code trace-cmd report}) or {@code #P:N} (the {@code trace} file's header).
 */
final class FtraceReader implements CaptureReader {
    private final BufferedReader in;
    private final LineProblems problems;
    private long lineNo;
    private int cpus;
    private boolean seenEvent;
    private boolean seenIova;
    private boolean seenSize;

    FtraceReader(BufferedReader in, LineProblems problems) {
        this.in = in;
        this.problems = problems;
    }

    /** Whether these first lines of an input look like function-tracer text. */
    static boolean recognises(Iterable<String> sample) {
        for (String line : sample) {
            if (line.startsWith("# tracer:") || line.startsWith("cpus=") || cpuField(line) >= 0) return true;
        }
        return false;
    }

    @Override
    public int cpusFromHeader() {
        return cpus;
    }

    @Override
    public long lineNo() {
        return lineNo;
    }

    @Override
    public boolean next(CaptureEvent e) throws IOException, CaptureException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (line.charAt(0) == '#') {
                int p = line.indexOf("#P:"); // the trace file's header: #P:N
                if (p >= 0) cpus = headerNumber(line, p + 3);
                continue;
            }
            int open = cpuField(line);
            if (open < 0) {
                if (!seenEvent) {
                    if (line.startsWith("cpus=")) cpus = headerNumber(line, 5);
                    continue; // trace-cmd's header lines: version, cpus, "CPU n is empty"
                }
                if (line.startsWith("CPU ") && line.endsWith(" is empty")) continue;
                problems.malformed(lineNo, "not a trace event line", line);
                continue;
            }
            seenEvent = true;
            if (parse(line, open, e)) return true;
        }
        return false;
    }

    private static int headerNumber(String line, int from) {
        int v = 0;
        for (int i = from; i < line.length() && Character.isDigit(line.charAt(i)) && v < 1 << 20; i++) {
            v = v * 10 + (line.charAt(i) - '0');
        }
        return v;
    }

    /**
     * The index of the {@code [} of the line's CPU field, or -1: the first {@code [digits]}
     * followed, after an optional flags word, by a {@code digits.digits:} timestamp.
     */
    static int cpuField(String line) {
        int from = 0;
        while (true) {
            int open = line.indexOf('[', from);
            if (open < 0) return -1;
            int i = open + 1;
            int n = line.length();
            while (i < n && Character.isDigit(line.charAt(i))) i++;
            if (i > open + 1 && i < n && line.charAt(i) == ']' && timestampAfter(line, i + 1) > 0) return open;
            from = open + 1;
        }
    }

    /** The index just past the timestamp's colon that follows {@code from}, or -1. */
    private static int timestampAfter(String line, int from) {
        int n = line.length();
        int i = skipSpaces(line, from);
        for (int word = 0; word < 2 && i < n; word++) {
            int j = i;
            while (j < n && Character.isDigit(line.charAt(j))) j++;
            if (j > i && j < n && line.charAt(j) == '.') {
                int k = j + 1;
                while (k < n && Character.isDigit(line.charAt(k))) k++;
                if (k > j + 1 && k < n && line.charAt(k) == ':') return k + 1;
            }
            // the irq-info flags word ("d.h1.", "...1"), then the timestamp
            while (i < n && line.charAt(i) != ' ') i++;
            i = skipSpaces(line, i);
        }
        return -1;
    }

    private boolean parse(String line, int open, CaptureEvent e) throws CaptureException {
        int close = line.indexOf(']', open);
        int cpu = 0;
        for (int i = open + 1; i < close; i++) {
            cpu = cpu * 10 + (line.charAt(i) - '0');
            if (cpu > 1 << 20) {
                problems.malformed(lineNo, "CPU number out of range", line);
                return false;
            }
        }
        int afterTs = timestampAfter(line, close + 1);
        int nameStart = skipSpaces(line, afterTs);
        int nameEnd = line.indexOf(' ', nameStart);
        if (nameEnd < 0) nameEnd = line.length();
        // "map:" in ftrace and trace-cmd text; "iommu:map:" where the system is printed too
        int end = nameEnd;
        if (end > nameStart && line.charAt(end - 1) == ':') end--;
        int colon = line.lastIndexOf(':', end - 1);
        int start = colon >= nameStart ? colon + 1 : nameStart;
        int kind;
        if (line.regionMatches(start, "map", 0, 3) && end - start == 3) {
            kind = CaptureEvent.MAP;
        } else if (line.regionMatches(start, "unmap", 0, 5) && end - start == 5) {
            kind = CaptureEvent.UNMAP;
        } else if (deviceEvent(line, start, end)) {
            return device(line, nameEnd, e, cpu, timestamp(line, afterTs - 1));
        } else {
            return false; // another event: the capture may hold any tracepoints
        }
        e.start(kind, cpu, lineNo, timestamp(line, afterTs - 1));
        if (!payload(line, nameEnd, e)) return false;
        String missing = !seenIova ? "iova=" : !seenSize ? "size=" : null;
        if (missing != null) problems.malformed(lineNo, "iommu " + (kind == CaptureEvent.MAP ? "map" : "unmap") + " event without " + missing, line);
        return missing == null;
    }

    /**
     * The dma.h events that follow a new mapping: dma_map_page, dma_map_resource, dma_map_phys,
     * dma_map_sg, dma_alloc, dma_alloc_pages, dma_alloc_sgt (not their _err variants).
     */
    private static boolean deviceEvent(String line, int start, int end) {
        return (line.startsWith("dma_map", start) || line.startsWith("dma_alloc", start))
                && !line.regionMatches(end - 4, "_err", 0, 4);
    }

    /**
     * A dma.h map-side event: {@code DEVICE dir=.. dma_addr=HEX ...} (the address without 0x),
     * or {@code dma_addrs={0x..,0x..}} for a scatter-gather list, whose first entry is the start.
     */
    private boolean device(String line, int from, CaptureEvent e, int cpu, long timestampNanos) throws CaptureException {
        int d = skipSpaces(line, from);
        int dEnd = line.indexOf(' ', d);
        if (d >= line.length() || dEnd < 0) {
            problems.malformed(lineNo, "dma event without a device name", line);
            return false;
        }
        int a = line.indexOf(" dma_addr=", dEnd);
        int n;
        int radixStart;
        if (a >= 0) {
            radixStart = a + 10;
        } else if ((a = line.indexOf(" dma_addrs={", dEnd)) >= 0) {
            radixStart = a + 12;
            if (line.startsWith("0x", radixStart)) radixStart += 2;
        } else {
            return false; // a failed allocation prints no address worth having
        }
        n = radixStart;
        while (n < line.length() && Character.digit(line.charAt(n), 16) >= 0) n++;
        if (n == radixStart) {
            problems.malformed(lineNo, "dma event with a bad address", line);
            return false;
        }
        e.start(CaptureEvent.DEVICE, cpu, lineNo, timestampNanos);
        e.device = line.substring(d, dEnd);
        e.iova = Long.parseUnsignedLong(line, radixStart, n, 16);
        return true;
    }

    /** Reads the {@code key=value} words after the event name. */
    private boolean payload(String line, int from, CaptureEvent e) throws CaptureException {
        seenIova = false;
        seenSize = false;
        int n = line.length();
        int i = from;
        boolean skipNext = false;
        while (i < n) {
            i = skipSpaces(line, i);
            if (i >= n) break;
            int j = i;
            while (j < n && line.charAt(j) != ' ') j++;
            if (skipNext) {
                skipNext = false; // the end address after " - "
            } else if (j - i == 1 && line.charAt(i) == '-') {
                skipNext = true;
            } else {
                try {
                    if (line.startsWith("iova=", i)) {
                        e.iova = number(line, i + 5, j);
                        seenIova = true;
                    } else if (line.startsWith("size=", i)) {
                        e.size = number(line, i + 5, j);
                        seenSize = true;
                    } else if (line.startsWith("unmapped_size=", i)) {
                        number(line, i + 14, j); // read for a bad number only: the importer frees the whole mapping
                    } else if (line.startsWith("dev=", i)) {
                        e.device = line.substring(i + 4, j);
                    }
                } catch (NumberFormatException bad) {
                    problems.malformed(lineNo, "bad number in " + line.substring(i, j), line);
                    return false;
                }
            }
            i = j;
        }
        return true;
    }

    /** An unsigned 64-bit number, {@code 0x} hexadecimal or decimal. */
    static long number(String s, int from, int to) {
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            return Long.parseUnsignedLong(s, from + 2, to, 16);
        }
        return Long.parseUnsignedLong(s, from, to, 10);
    }

    /** The timestamp ending at {@code colon} in nanoseconds (the fraction has 6 or 9 digits). */
    private static long timestamp(String line, int colon) {
        int dot = line.lastIndexOf('.', colon);
        int i = dot - 1;
        while (i >= 0 && Character.isDigit(line.charAt(i))) i--;
        long seconds = Long.parseLong(line, i + 1, dot, 10);
        long frac = 0;
        int digits = 0;
        for (int k = dot + 1; k < colon && digits < 9; k++, digits++) frac = frac * 10 + (line.charAt(k) - '0');
        for (; digits < 9; digits++) frac *= 10;
        return seconds * 1_000_000_000L + frac;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }
}
