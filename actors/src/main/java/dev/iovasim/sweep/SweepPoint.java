package dev.iovasim.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of a sweep: where it sits in the cross product and the seed it runs with.
 *
 * @param cpus     simulated CPUs
 * @param nodes    cpu nodes the CPUs are spread over (engines without a cluster ignore it)
 * @param policy   the kernel preset's canonical name, e.g. {@code linux-6.1}
 * @param workload the workload's name, e.g. {@code sac-pressure}
 * @param engine   the engine's name, e.g. {@code reference}
 * @param fanout   how a flush reaches the CPUs: {@code direct} or {@code per-node}
 * @param repeat   which repetition of the same point, from 0
 * @param ops      operations, passed to the engine unchanged
 * @param seed     the run's seed: the sweep's base seed plus {@code repeat}
 */
public record SweepPoint(int cpus, int nodes, String policy, String workload, String engine, String fanout,
                         int repeat, long ops, long seed) {

    /** The results.csv columns that name a point, in order. A resumed sweep matches rows on these. */
    public static final List<String> COLUMNS =
            List.of("policy", "engine", "workload", "fanout", "nodes", "cpus", "repeat", "seed", "ops");

    /** This point's cells under {@link #COLUMNS}. */
    public Map<String, String> cells() {
        Object[] values = {policy, engine, workload, fanout, nodes, cpus, repeat, seed, ops};
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) m.put(COLUMNS.get(i), values[i].toString());
        return m;
    }

    /** The identity of a row: the same string for a point and for the row it produced. */
    public String id() {
        return id(cells());
    }

    /** The identity of a results.csv row (see {@link #id()}). */
    public static String id(Map<String, String> row) {
        return COLUMNS.stream().map(c -> row.getOrDefault(c, "") + "|").collect(Collectors.joining());
    }

    /** A short human label for progress lines. */
    public String label() {
        return String.format(Locale.ROOT, "%s %s %s cpus=%d nodes=%d %s #%d",
                engine, policy, workload, cpus, nodes, fanout, repeat + 1);
    }
}
