package dev.iovasim.capture;

import java.io.BufferedReader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The catalogue of capture formats {@code iovasim import} reads: each entry names its reader and
 * says whether the first lines of an input look like it. A new format is a reader class and one
 * entry here.
 */
public enum CaptureFormat {
    /** Text of trace-cmd report, /sys/kernel/tracing/trace or trace_pipe (iommu:map, iommu:unmap). */
    FTRACE {
        @Override
        public CaptureReader reader(BufferedReader in, LineProblems problems) {
            return new FtraceReader(in, problems);
        }

        @Override
        boolean recognises(List<String> firstLines) {
            return FtraceReader.recognises(firstLines);
        }
    };

    public abstract CaptureReader reader(BufferedReader in, LineProblems problems);

    abstract boolean recognises(List<String> firstLines);

    /** The name {@code --format} takes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first format whose reader recognises these lines, or null. */
    public static CaptureFormat detect(List<String> firstLines) {
        return Arrays.stream(values()).filter(f -> f.recognises(firstLines)).findFirst().orElse(null);
    }

    /** The format with this {@code --format} name, or null. */
    public static CaptureFormat byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    /** "ftrace, ..." for help and error text. */
    public static String ids() {
        return Arrays.stream(values()).map(CaptureFormat::id).collect(Collectors.joining(", "));
    }
}
