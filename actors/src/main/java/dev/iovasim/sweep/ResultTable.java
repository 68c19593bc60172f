package dev.iovasim.sweep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** results.csv as read back: its columns and its rows (cells by column name, empty when absent). */
public record ResultTable(List<String> columns, List<Map<String, String>> rows) {

    /** The rows of runs that completed (no {@code error}). */
    public List<Map<String, String>> completed() {
        return rows.stream().filter(r -> r.getOrDefault(ResultColumns.ERROR, "").isEmpty()).toList();
    }

    public List<Map<String, String>> failed() {
        return rows.stream().filter(r -> !r.getOrDefault(ResultColumns.ERROR, "").isEmpty()).toList();
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
        return completed().stream().map(r -> r.getOrDefault(column, "")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether any completed run has a number in {@code column}. */
    public boolean hasNumbers(String column) {
        return completed().stream().anyMatch(r -> !Double.isNaN(number(r, column)));
    }
}
