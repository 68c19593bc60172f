package dev.iovasim.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/** Turns a point and its run report (or its failure) into a results.csv row of cells. */
public final class ResultRow {
    /** Six significant digits: more than any timing deserves, enough for every counter ratio. */
    private static final MathContext DIGITS = new MathContext(6);

    private ResultRow() {
    }

    /**
     * The point's identity cells, then the report's numbers and booleans, then the derived
     * columns. A report key that names an identity column but disagrees with the point is kept
     * as {@code report_KEY} (the point names the row: resume matches on it). Text values (notes
     * such as {@code depot_trim}) and nested ones (per-class tables, samples) stay out: a column
     * holds one kind of value, and results.csv's columns are measurements.
     */
    public static Map<String, String> of(SweepPoint point, Map<String, Object> report) {
        Map<String, String> row = point.cells();
        for (Map.Entry<String, Object> e : report.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (!(v instanceof Number || v instanceof Boolean)) continue;
            String cell = cell(v);
            if (!row.containsKey(key)) {
                row.put(key, cell);
            } else if (!row.get(key).equals(cell)) {
                row.put("report_" + key, cell);
            }
        }
        derive(row, report, point.ops());
        return row;
    }

    /** The row of a run that threw: identity cells and the error, nothing else. */
    public static Map<String, String> failed(SweepPoint point, Throwable error) {
        Map<String, String> row = point.cells();
        String msg = error.getMessage();
        row.put(ResultColumns.ERROR, error.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
        return row;
    }

    private static void derive(Map<String, String> row, Map<String, Object> report, long requestedOps) {
        double allocs = number(report, "allocs");
        double flushes = number(report, "flushes");
        double ops = report.containsKey("ops") ? number(report, "ops") : requestedOps;
        row.put("hit_rate", ratio(number(report, "rcache_hits"), allocs));
        row.put("fanout_messages_per_flush", ratio(number(report, "fanout_messages"), flushes));
        row.put("fanout_bytes_per_flush", ratio(number(report, "fanout_bytes"), flushes));
        row.put("flushed_pfns_per_flush", ratio(number(report, "flushed_pfns"), flushes));
        row.put("work_units_per_op", ratio(number(report, "work_units"), ops));
    }

    /** {@code a / b}, empty when either is missing or nothing was divided (no flush, no alloc). */
    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) return "";
        return cell(a / b);
    }

    private static double number(Map<String, Object> report, String key) {
        return report.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A report value as a cell: integers exactly, fractions to six significant digits, NaN empty. */
    public static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) return "";
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
            return new BigDecimal(d).round(DIGITS).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
