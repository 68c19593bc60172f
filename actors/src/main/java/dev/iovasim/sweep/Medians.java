package dev.iovasim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * The completed runs of each point folded over their repeats: the median, smallest and largest
 * value of every numeric column (the plots draw the median with a min-max band).
 */
public final class Medians {
    /** The columns that tell points apart once repeats are folded (the identity less repeat and seed). */
    public static final List<String> GROUP =
            SweepPoint.COLUMNS.stream().filter(c -> !c.equals("repeat") && !c.equals("seed")).toList();

    /**
     * One point across its repeats.
     *
     * @param key                   the point's cells under {@link #GROUP}
     * @param runs                  completed runs folded in
     * @param values                median, min and max per numeric column (NaN when no run had it)
     * @param conservationFailures  runs whose conservation check failed
     */
    public record Row(Map<String, String> key, int runs, Map<String, Spread> values, int conservationFailures) {
        public Spread spread(String column) {
            return values.getOrDefault(column, Spread.NONE);
        }

        public int cpus() {
            return Integer.parseInt(key.get("cpus"));
        }
    }

    /** A column across the repeats of one point. */
    public record Spread(double median, double min, double max) {
        static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN);
    }

    private Medians() {
    }

    /** One row per point, in the order the points first appear in the table. */
    public static List<Row> of(ResultTable table) {
        // the point's cells under GROUP, in order, name its group
        Map<Map<String, String>, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> r : table.completed()) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String c : GROUP) key.put(c, r.getOrDefault(c, ""));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<String> numeric = table.columns().stream()
                .filter(c -> !SweepPoint.COLUMNS.contains(c) && !c.equals(ResultColumns.ERROR)).toList();
        List<Row> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            Map<String, Spread> values = new LinkedHashMap<>();
            for (String c : numeric) values.put(c, spread(g.getValue(), c));
            int bad = (int) g.getValue().stream().filter(r -> "false".equals(r.get("conservation_ok"))).count();
            out.add(new Row(g.getKey(), g.getValue().size(), values, bad));
        }
        return out;
    }

    /** The column's numbers across {@code rows}: median (mean of the middle two for an even count), min, max. */
    public static Spread spread(List<Map<String, String>> rows, String column) {
        double[] xs = rows.stream().mapToDouble(r -> ResultTable.number(r, column)).filter(d -> !Double.isNaN(d)).toArray();
        if (xs.length == 0) return Spread.NONE;
        return new Spread(new Median().evaluate(xs), StatUtils.min(xs), StatUtils.max(xs));
    }
}
