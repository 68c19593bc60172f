package dev.iovasim.sweep;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.RunLimits;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.TraceWorkload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cross product a sweep runs, parsed from its flags. Every list is non-empty and free of
 * duplicates; bad values throw {@link IllegalArgumentException} whose message starts with the
 * flag, e.g. {@code --cpus: must be at least 1, got 0}. Each point is a {@code simulate} run, and
 * is held to simulate's limits ({@link RunLimits}).
 */
public record SweepPlan(List<Integer> cpus, List<Integer> nodes, List<String> policies, List<String> workloads,
                        List<String> engines, List<String> fanouts, long ops, int repeat, long seed) {
    /** The flags a plan is made of (without the leading dashes), in the order plan.txt lists them. */
    public static final List<String> KEYS =
            List.of("cpus", "nodes", "policy", "workload", "engine", "fanout", "ops", "repeat", "seed");
    public static final int MAX_REPEAT = 1000;
    public static final List<String> FANOUTS = FanOutCatalogue.names();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Between list items: a comma. */
    private static final Pattern COMMA = Pattern.compile(",");
    /**
     * Between workloads: a comma followed by a name and then a colon, a comma or the end. A
     * workload's own parameters ({@code nic:ring=512,remote=0.3}) each have a '=' before the next
     * comma, so they stay with it.
     */
    private static final Pattern WORKLOAD_COMMA = Pattern.compile(",(?=\\s*[a-z0-9][a-z0-9._-]*\\s*(?:[:,]|$))");

    public SweepPlan {
        // every point: the most nodes with the fewest CPUs, every fan-out with the fewest nodes
        RunLimits.nodesFor(nodes.stream().max(Integer::compare).orElseThrow(), cpus.stream().min(Integer::compare).orElseThrow());
        int fewestNodes = nodes.stream().min(Integer::compare).orElseThrow();
        for (String f : fanouts) RunLimits.fanout(f, fewestNodes);
    }

    /** Parses the flags named by {@link #KEYS}; all must be present. */
    public SweepPlan(Map<String, String> args) {
        this(list(args, "cpus", v -> (int) bounded("cpus", v, 1, RunLimits.MAX_CPUS)),
                list(args, "nodes", v -> (int) bounded("nodes", v, 1, RunLimits.MAX_NODES)),
                list(args, "policy", SweepPlan::policy),
                list(args, "workload", WORKLOAD_COMMA, SweepPlan::workload),
                list(args, "engine", v -> name("engine", v)),
                list(args, "fanout", SweepPlan::fanout),
                number(args, "ops", 1, RunLimits.MAX_OPS),
                (int) number(args, "repeat", 1, MAX_REPEAT),
                number(args, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** The plan's flags in canonical form (canonical policy names, no spaces): what plan.txt stores. */
    public Map<String, String> args() {
        Object[] values = {cpus, nodes, policies, workloads, engines, fanouts, ops, repeat, seed};
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            m.put(KEYS.get(i), values[i] instanceof List<?> l
                    ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : values[i].toString());
        }
        return m;
    }

    /**
     * Every point, in run order: engine, policy, workload, fanout and nodes outermost, then CPUs
     * ascending as listed, repeats innermost (so the repeats of a point run back to back).
     */
    public List<SweepPoint> points() {
        List<SweepPoint> out = new ArrayList<>();
        for (String e : engines) {
            for (String p : policies) {
                for (String w : workloads) {
                    for (String f : fanouts) {
                        for (int n : nodes) {
                            for (int c : cpus) {
                                for (int r = 0; r < repeat; r++) out.add(new SweepPoint(c, n, p, w, e, f, r, ops, seed + r));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- parsing

    private static String value(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + ": missing");
        return v.trim();
    }

    private static <T> List<T> list(Map<String, String> args, String key, Function<String, T> parse) {
        return list(args, key, COMMA, parse);
    }

    private static <T> List<T> list(Map<String, String> args, String key, Pattern between, Function<String, T> parse) {
        String spec = value(args, key);
        if (spec.isEmpty()) throw new IllegalArgumentException("--" + key + ": empty list");
        List<T> out = new ArrayList<>();
        Set<T> seen = new HashSet<>();
        for (String item : between.split(spec, -1)) {
            String v = item.trim();
            if (v.isEmpty()) throw new IllegalArgumentException("--" + key + ": empty item in '" + spec + "'");
            T t = parse.apply(v);
            if (!seen.add(t)) throw new IllegalArgumentException("--" + key + ": " + t + " is listed twice in '" + spec + "'");
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static long number(Map<String, String> args, String key, long min, long max) {
        return bounded(key, value(args, key), min, max);
    }

    private static long bounded(String key, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + v + "' is not a whole number");
        }
        if (n < min) throw new IllegalArgumentException("--" + key + ": must be at least " + min + ", got " + n);
        if (n > max) throw new IllegalArgumentException("--" + key + ": must be at most " + max + ", got " + n);
        return n;
    }

    private static String policy(String v) {
        try {
            return Policy.byName(v).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: " + e.getMessage());
        }
    }

    private static String name(String key, String v) {
        if (!NAME.matcher(v).matches()) {
            throw new IllegalArgumentException("--" + key + ": '" + v + "' is not a name (lower-case letters, digits, '.', '_', '-')");
        }
        return v;
    }

    /**
     * A workload spec as simulate's --workload takes it ({@code NAME} or {@code NAME:KEY=VALUE,...}),
     * checked here so that a bad one stops the sweep before its first run; canonical without
     * blanks. A trace cannot be swept: its CPU count is its own.
     */
    private static String workload(String v) {
        if (v.startsWith(TraceWorkload.PREFIX)) {
            throw new IllegalArgumentException("--workload: a trace's CPUs are its own, so it cannot be swept over --cpus; replay it");
        }
        try {
            WorkloadCatalogue.byName(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--workload: " + e.getMessage(), e);
        }
        return v.replaceAll("\\s+", "");
    }

    private static String fanout(String v) {
        if (!FANOUTS.contains(v)) {
            throw new IllegalArgumentException("--fanout: unknown fan-out '" + v + "' (valid: " + String.join(", ", FANOUTS) + ")");
        }
        return v;
    }
}
