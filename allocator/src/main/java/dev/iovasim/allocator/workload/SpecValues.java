package dev.iovasim.allocator.workload;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameters of one workload spec, checked against the workload's declared tunables. */
public final class SpecValues {
    private final String workload;
    private final List<WorkloadParam> known;
    private final Map<String, Double> values = new HashMap<>();
    /** The keys the spec gave, each at most once. */
    private final Set<String> given = new HashSet<>();

    private SpecValues(String workload, List<WorkloadParam> known) {
        this.workload = workload;
        this.known = known;
    }

    /**
     * Parses {@code k=v,k=v} (empty: all defaults). Unknown keys, malformed pairs, values out of
     * range and a key given twice are refused with a message naming the workload, the key and the
     * valid choices.
     */
    public static SpecValues parse(String workload, String text, List<WorkloadParam> known) {
        SpecValues p = new SpecValues(workload, known);
        for (WorkloadParam k : known) p.values.put(k.key(), Double.parseDouble(k.defaultValue()));
        if (text == null || text.isEmpty()) return p;
        for (String pair : text.split(",", -1)) p.set(pair);
        return p;
    }

    private void set(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) throw bad("expected KEY=VALUE, got '" + pair + "'");
        String key = pair.substring(0, eq).trim();
        String text = pair.substring(eq + 1).trim();
        WorkloadParam param = known.stream().filter(k -> k.key().equals(key)).findFirst().orElseThrow(() -> bad("unknown parameter '"
                + key + "' (valid: " + String.join(", ", known.stream().map(WorkloadParam::key).toList()) + ")"));
        if (!given.add(key)) throw bad(key + ": given twice");
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(key + ": not a number: '" + text + "'");
        }
        if (param.integer() && v != Math.rint(v)) throw bad(key + ": expected a whole number, got '" + text + "'");
        if (!(v >= param.min() && v <= param.max())) {
            throw bad(key + ": must be in " + format(param.min()) + ".." + format(param.max()) + ", got '" + text + "'");
        }
        values.put(key, v);
    }

    public double fraction(String key) {
        return value(key);
    }

    public int count(String key) {
        return (int) value(key);
    }

    private double value(String key) {
        Double v = values.get(key);
        if (v == null) throw new IllegalStateException(workload + " declares no parameter " + key);
        return v;
    }

    private IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("workload " + workload + ": " + why);
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
