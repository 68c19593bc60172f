package dev.iovasim.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /**
     * An event line from its CPU field on: the first {@code [digits]} followed, after an optional
     * flags word ("d.h1.", "...1"), by a {@code digits.digits:} timestamp, then the event's name.
     * The flags word is tried last, so that a timestamp right after the CPU field is the one taken.
     */
    private static final Pattern EVENT = Pattern.compile("\\[(\\d+)][ \\t]*+(?:[^ ]*+[ \\t]*+)??(\\d+)\\.(\\d+):[ \\t]*+([^ ]*)");
    /** A payload word: a key read and its value, or any other word (from a non-blank to the next space). */
    private static final Pattern WORD = Pattern.compile("(iova|size|unmapped_size|dev)=([^ ]*)|[^ \\t][^ ]*");
    /** A dma.h event's device name, the first word after the event's name. */
    private static final Pattern DEVICE = Pattern.compile("[ \\t]*+([^ \\t][^ ]*) ");
    /** Its address: {@code dma_addr=HEX} (without 0x), else the first of {@code dma_addrs={0x..,0x..}}. */
    private static final Pattern ADDRESS = Pattern.compile(" dma_addr=([0-9a-fA-F]*)");
    private static final Pattern FIRST_ADDRESS = Pattern.compile(" dma_addrs=\\{(?:0x)?([0-9a-fA-F]*)");

    private final BufferedReader in;
    private final LineProblems problems;
    private long lineNo;
    private int cpus;
    private boolean seenEvent;
    /** Reused from line to line: reading allocates little per event. */
    private final Matcher event = EVENT.matcher("");
    private final Matcher word = WORD.matcher("");

    FtraceReader(BufferedReader in, LineProblems problems) {
        this.in = in;
        this.problems = problems;
    }

    /** Whether these first lines of an input look like function-tracer text. */
    static boolean recognises(Iterable<String> sample) {
        for (String line : sample) {
            if (line.startsWith("# tracer:") || line.startsWith("cpus=") || EVENT.matcher(line).find()) return true;
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
                header(line);
                continue;
            }
            Matcher m = event.reset(line);
            if (!m.find()) {
                if (!seenEvent) {
                    if (line.startsWith("cpus=")) cpus = headerNumber(line, 5);
                    continue; // trace-cmd's header lines: version, cpus, "CPU n is empty"
                }
                if (line.startsWith("CPU ") && line.endsWith(" is empty")) continue;
                problems.malformed(lineNo, "not a trace event line", line);
                continue;
            }
            seenEvent = true;
            if (parse(line, m, e)) return true;
        }
        return false;
    }

    private void header(String line) {
        int p = line.indexOf("#P:");
        if (p >= 0) cpus = headerNumber(line, p + 3);
    }

    private static int headerNumber(String line, int from) {
        int v = 0;
        for (int i = from; i < line.length() && Character.isDigit(line.charAt(i)) && v < 1 << 20; i++) {
            v = v * 10 + (line.charAt(i) - '0');
        }
        return v;
    }

    private boolean parse(String line, Matcher m, CaptureEvent e) throws CaptureException {
        int cpu = 0;
        for (char c : m.group(1).toCharArray()) {
            cpu = cpu * 10 + (c - '0');
            if (cpu > 1 << 20) {
                problems.malformed(lineNo, "CPU number out of range", line);
                return false;
            }
        }
        // "map:" in ftrace and trace-cmd text; "iommu:map:" where the system is printed too
        String name = m.group(4);
        if (name.endsWith(":")) name = name.substring(0, name.length() - 1);
        name = name.substring(name.lastIndexOf(':') + 1);
        int kind;
        if (name.equals("map")) {
            kind = CaptureEvent.MAP;
        } else if (name.equals("unmap")) {
            kind = CaptureEvent.UNMAP;
        } else if (deviceEvent(name)) {
            return device(line, m.end(), e, cpu, timestamp(m));
        } else {
            return false; // another event: the capture may hold any tracepoints
        }
        e.start(kind, cpu, lineNo, timestamp(m));
        return payload(line, m.end(), e);
    }

    /**
     * The dma.h events that follow a new mapping: dma_map_page, dma_map_resource, dma_map_phys,
     * dma_map_sg, dma_alloc, dma_alloc_pages, dma_alloc_sgt (not their _err variants).
     */
    private static boolean deviceEvent(String name) {
        return (name.startsWith("dma_map") || name.startsWith("dma_alloc")) && !name.endsWith("_err");
    }

    /**
     * A dma.h map-side event: {@code DEVICE dir=.. dma_addr=HEX ...} (the address without 0x),
     * or {@code dma_addrs={0x..,0x..}} for a scatter-gather list, whose first entry is the start.
     */
    private boolean device(String line, int from, CaptureEvent e, int cpu, long timestampNanos) throws CaptureException {
        Matcher d = DEVICE.matcher(line).region(from, line.length());
        if (!d.lookingAt()) {
            problems.malformed(lineNo, "dma event without a device name", line);
            return false;
        }
        Matcher a = ADDRESS.matcher(line).region(d.end(1), line.length());
        if (!a.find()) {
            a = FIRST_ADDRESS.matcher(line).region(d.end(1), line.length());
            if (!a.find()) return false; // a failed allocation prints no address worth having
        }
        if (a.group(1).isEmpty()) {
            problems.malformed(lineNo, "dma event with a bad address", line);
            return false;
        }
        e.start(CaptureEvent.DEVICE, cpu, lineNo, timestampNanos);
        e.device = d.group(1);
        e.iova = Long.parseUnsignedLong(a.group(1), 16);
        return true;
    }

    /** Reads the {@code key=value} words after the event name; false if one is bad or iova= or size= is missing. */
    private boolean payload(String line, int from, CaptureEvent e) throws CaptureException {
        boolean seenIova = false;
        boolean seenSize = false;
        boolean skipNext = false;
        Matcher w = word.reset(line).region(from, line.length());
        while (w.find()) {
            String key = w.group(1);
            if (skipNext) {
                skipNext = false; // the end address after " - "
            } else if (w.end() - w.start() == 1 && line.charAt(w.start()) == '-') {
                skipNext = true;
            } else if (key != null) {
                try {
                    switch (key) {
                        case "iova" -> {
                            e.iova = number(w.group(2));
                            seenIova = true;
                        }
                        case "size" -> {
                            e.size = number(w.group(2));
                            seenSize = true;
                        }
                        case "unmapped_size" -> e.unmappedSize = number(w.group(2));
                        default -> e.device = w.group(2);
                    }
                } catch (NumberFormatException bad) {
                    problems.malformed(lineNo, "bad number in " + w.group(), line);
                    return false;
                }
            }
        }
        String missing = !seenIova ? "iova=" : !seenSize ? "size=" : null;
        if (missing != null) {
            problems.malformed(lineNo, "iommu " + (e.kind == CaptureEvent.MAP ? "map" : "unmap") + " event without " + missing, line);
        }
        return missing == null;
    }

    /** An unsigned 64-bit number, {@code 0x} hexadecimal or decimal. */
    static long number(String s) {
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            return Long.parseUnsignedLong(s, 2, s.length(), 16);
        }
        return Long.parseUnsignedLong(s);
    }

    /** The event's timestamp in nanoseconds (the fraction has 6 or 9 digits; more are cut). */
    private static long timestamp(Matcher m) {
        String fraction = (m.group(3) + "000000000").substring(0, 9);
        return Long.parseLong(m.group(2)) * 1_000_000_000L + Long.parseLong(fraction);
    }
}
