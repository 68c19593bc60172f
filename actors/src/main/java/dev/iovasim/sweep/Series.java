package dev.iovasim.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a sweep's points are gathered into lines over CPUs: one line per policy and per value
 * of every other dimension (nodes, fan-out, engine, workload). A line's label names the
 * policy and only the dimensions that vary in this sweep, so a simple sweep gets short labels.
 */
public final class Series {
    /** The dimensions a line is drawn over, policy first. */
    public static final List<String> DIMENSIONS = List.of("policy", "nodes", "fanout", "engine", "workload");

    private final List<String> varying;

    public Series(ResultTable table) {
        varying = DIMENSIONS.stream().filter(d -> d.equals("policy") || table.distinct(d).size() > 1).toList();
    }

    /** Whether {@code dimension} takes more than one value in this sweep (policy always does). */
    public boolean varies(String dimension) {
        return varying.contains(dimension);
    }

    /** The label of the line a row (or a median row's key) belongs to. */
    public String label(Map<String, String> cells) {
        return label(cells, varying);
    }

    /** The same label with {@code dimension} left out (for fits along that dimension). */
    public String labelWithout(Map<String, String> cells, String dimension) {
        return label(cells, varying.stream().filter(d -> !d.equals(dimension)).toList());
    }

    private static String label(Map<String, String> cells, List<String> dimensions) {
        StringBuilder b = new StringBuilder();
        for (String d : dimensions) {
            if (b.length() > 0) b.append(", ");
            String v = cells.getOrDefault(d, "");
            b.append(switch (d) {
                case "nodes" -> v + (v.equals("1") ? " node" : " nodes");
                case "fanout" -> "fan-out " + v;
                default -> v;
            });
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
