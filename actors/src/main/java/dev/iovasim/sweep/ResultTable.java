package dev.iovasim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** results.csv as read back: its columns and its rows (cells by column name, empty when absent). */
public record ResultTable(List<String> columns, List<Map<String, String>> rows) {

    /** The rows of runs that completed (no {@code error}). */
    public List<Map<String, String>> completed() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> r : rows) {
            if (r.getOrDefault(ResultColumns.ERROR, "").isEmpty()) out.add(r);
        }
        return out;
    }

    public List<Map<String, String>> failed() {
        List<Map<String, String>> out = new ArrayList<>(rows);
        out.removeAll(completed());
        return out;
    }

    /** A cell as a number; NaN when empty or not a number. */
    public static double number(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The distinct values of a column among completed runs, in first-seen order. */
    public Set<String> distinct(String column) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, String> r : completed()) out.add(r.getOrDefault(column, ""));
        return out;
    }

    /** Whether any completed run has a number in {@code column}. */
    public boolean hasNumbers(String column) {
        for (Map<String, String> r : completed()) {
            if (!Double.isNaN(number(r, column))) return true;
        }
        return false;
    }
}
