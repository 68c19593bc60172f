package dev.iovasim.allocator.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The named workloads. A spec is {@code NAME} or {@code NAME:KEY=VALUE,...} (for example
 * {@code nic:remote=0.3,ring=512}), or {@code trace:FILE}.
 */
public final class WorkloadCatalogue {
    /** One workload in the catalogue. */
    public record Entry(String name, String summary, List<WorkloadParam> params,
                        Function<SpecValues, Workload> factory) {
    }

    private static final List<Entry> CATALOGUE = List.of(
            new Entry(SacPressureWorkload.NAME, SacPressureWorkload.SUMMARY, SacPressureWorkload.PARAMS, SacPressureWorkload::new),
            new Entry(NicWorkload.NAME, NicWorkload.SUMMARY, NicWorkload.PARAMS, NicWorkload::new),
            new Entry(StorageWorkload.NAME, StorageWorkload.SUMMARY, StorageWorkload.PARAMS, StorageWorkload::new),
            new Entry(AgingWorkload.NAME, AgingWorkload.SUMMARY, AgingWorkload.PARAMS, AgingWorkload::new),
            new Entry(MixedWorkload.NAME, MixedWorkload.SUMMARY, MixedWorkload.PARAMS, MixedWorkload::new),
            new Entry(BurstWorkload.NAME, BurstWorkload.SUMMARY, BurstWorkload.PARAMS, BurstWorkload::new));

    private WorkloadCatalogue() {
    }

    public static List<Entry> all() {
        return CATALOGUE;
    }

    /**
     * The workload a spec names. Unknown names, parameters or values, and unreadable trace
     * files, are refused with an {@link IllegalArgumentException} that lists the valid choices.
     */
    public static Workload byName(String spec) {
        String s = spec.strip();
        if (s.startsWith(TraceWorkload.PREFIX)) return trace(s.substring(TraceWorkload.PREFIX.length()));
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String params = colon < 0 ? "" : s.substring(colon + 1);
        for (Entry e : CATALOGUE) {
            if (e.name().equals(name)) return e.factory().apply(SpecValues.parse(name, params, e.params()));
        }
        throw new IllegalArgumentException("unknown workload '" + name + "' (valid: " + names() + ")");
    }

    /** The valid names, for messages. */
    public static String names() {
        return String.join(", ", CATALOGUE.stream().map(Entry::name).toList()) + ", trace:FILE";
    }

    private static Workload trace(String file) {
        if (file.isEmpty()) throw new IllegalArgumentException("trace: expected a file name after 'trace:'");
        Path p = Path.of(file);
        if (!Files.isReadable(p)) throw new IllegalArgumentException("trace: cannot read file '" + file + "'");
        if (Files.isDirectory(p)) throw new IllegalArgumentException("trace: '" + file + "' is a directory, not a trace file");
        try {
            return new TraceWorkload(p);
        } catch (WorkloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every workload, its parameters and their defaults, as lines for {@code --help}. */
    public static List<String> help() {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : CATALOGUE) {
            out.add(e.name() + ": " + e.summary());
            for (WorkloadParam p : e.params()) out.add("    " + p.key() + "=" + p.defaultValue() + "  " + p.help());
        }
        out.add("trace:FILE: " + TraceWorkload.SUMMARY);
        return out;
    }
}
