package dev.iovasim.sweep;

import java.util.ArrayList;
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

    private final List<String> varying = new ArrayList<>();

    public Series(ResultTable table) {
        for (String d : DIMENSIONS) {
            if (d.equals("policy") || table.distinct(d).size() > 1) varying.add(d);
        }
    }

    /** Whether {@code dimension} takes more than one value in this sweep (policy always does). */
    public boolean varies(String dimension) {
        return varying.contains(dimension);
    }

    /** The label of the line a row (or a median row's key) belongs to. */
    public String label(Map<String, String> cells) {
        StringBuilder b = new StringBuilder();
        for (String d : varying) {
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

    /** The same label with {@code dimension} left out (for fits along that dimension). */
    public String labelWithout(Map<String, String> cells, String dimension) {
        Series s = new Series(this, dimension);
        return s.label(cells);
    }

    private Series(Series from, String without) {
        for (String d : from.varying) {
            if (!d.equals(without)) varying.add(d);
        }
    }
}
