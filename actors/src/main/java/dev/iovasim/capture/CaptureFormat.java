package dev.iovasim.capture;

import java.io.BufferedReader;
import java.util.List;
import java.util.Locale;

/**
 * The catalogue of capture formats {@code iovasim import} reads: each entry names its reader and
 * says whether the first lines of an input look like it. A new format is a reader class and one
 * entry here.
 */
public enum CaptureFormat {
    FTRACE("text of trace-cmd report, /sys/kernel/tracing/trace or trace_pipe (iommu:map, iommu:unmap)") {
        @Override
        public CaptureReader reader(BufferedReader in, LineProblems problems) {
            return new FtraceReader(in, problems);
        }

        @Override
        boolean recognises(List<String> firstLines) {
            return FtraceReader.recognises(firstLines);
        }
    };

    private final String description;

    CaptureFormat(String description) {
        this.description = description;
    }

    public abstract CaptureReader reader(BufferedReader in, LineProblems problems);

    abstract boolean recognises(List<String> firstLines);

    public String description() {
        return description;
    }

    /** The name {@code --format} takes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first format whose reader recognises these lines, or null. */
    public static CaptureFormat detect(List<String> firstLines) {
        for (CaptureFormat f : values()) {
            if (f.recognises(firstLines)) return f;
        }
        return null;
    }

    /** The format with this {@code --format} name, or null. */
    public static CaptureFormat byId(String id) {
        for (CaptureFormat f : values()) {
            if (f.id().equals(id)) return f;
        }
        return null;
    }

    /** "ftrace, ..." for help and error text. */
    public static String ids() {
        StringBuilder b = new StringBuilder();
        for (CaptureFormat f : values()) b.append(b.length() == 0 ? "" : ", ").append(f.id());
        return b.toString();
    }
}
