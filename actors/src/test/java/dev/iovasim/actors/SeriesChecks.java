package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.series.Column;
import java.util.Arrays;
import java.util.List;

/**
 * What a free-running run's time series must say of the run, whatever JVMs it ran in: a row at
 * every boundary up to the run's end (the last one possibly short), a barrier per row, interval
 * columns adding up to the report, state columns at the end agreeing with the report and the
 * conservation survey; {@code expect}: columns that must move somewhere.
 */
public final class SeriesChecks {
    private SeriesChecks() {
    }

    public static void rowsAddUpToTheRun(String label, Policy p, RunReport r, List<Object[]> rows, long intervalNanos,
                                         String expect) {
        assertTrue(r.flag("conservation_ok"), () -> label + ": " + r.text("conservation_problem"));
        assertEquals(0, r.longValue("engine_errors"), label);
        assertTrue(rows.size() > 2, label + ": rows " + rows.size());
        assertEquals(rows.size(), r.longValue("timeseries_rows"), label);
        assertEquals(rows.size(), r.longValue("timeseries_barriers"), label + ": a barrier per row, the end's included");
        for (int i = 0; i < rows.size(); i++) {
            double t = (double) rows.get(i)[Column.TIME.ordinal()];
            double boundary = (i + 1) * intervalNanos / 1e9;
            if (i < rows.size() - 1) {
                assertEquals(boundary, t, label + ": row " + i + " at its boundary");
            } else {
                assertTrue(t <= boundary && t > boundary - intervalNanos / 1e9, label + ": the last row at the run's end, " + t);
            }
            assertTrue(col(rows.get(i), Column.TREE_NODES) > 0, label + ": row " + i + " tree nodes");
        }
        assertEquals(r.longValue("ops"), sum(rows, Column.OPS), label + ": ops");
        // CPUs lost with their node: the rows keep what they counted up to their loss, which the
        // report (the survivors' counters) leaves out; the end's survey takes back their ranges
        // after the last row
        boolean lost = r.has("lost_cpus") && r.longValue("lost_cpus") > 0;
        long reclaimed = r.has("reclaimed_pfns") ? r.longValue("reclaimed_pfns") : 0;
        for (Column c : Column.values()) {
            if (c.counter() == null) continue;
            for (int i = 0; i < rows.size(); i++) assertTrue(col(rows.get(i), c) >= 0, label + ": row " + i + " " + c.csvName());
            long total = r.has(c.counter().key()) ? r.longValue(c.counter().key()) : 0;
            if (lost) {
                assertTrue(sum(rows, c) >= total, label + ": " + c.csvName() + " over the rows, at least the survivors' " + total);
            } else {
                assertEquals(total, sum(rows, c), label + ": " + c.csvName() + " over the rows");
            }
        }
        Object[] last = rows.get(rows.size() - 1);
        assertEquals(r.longValue("tree_nodes") + reclaimed, col(last, Column.TREE_NODES), label + ": tree nodes at the end");
        if (p.invalidation().lazy()) {
            assertEquals(r.longValue("fq_still_queued"), col(last, Column.FQ_QUEUED), label + ": queued at the end");
        }
        long cached = col(last, Column.FQ_QUEUED);
        for (int cls = 0; cls < SizeClass.CACHED_CLASSES; cls++) {
            cached += col(last, Column.values()[Column.MAG_PFNS_0.ordinal() + cls]);
            cached += col(last, Column.values()[Column.DEPOT_PFNS_0.ordinal() + cls]);
        }
        assertTrue(cached <= r.longValue("live_ranges"), label + ": cached and queued " + cached
                + " within the ranges the survey found live, " + r.longValue("live_ranges"));
        for (String name : expect.split(" ")) {
            int col = Arrays.asList(Column.header()).indexOf(name);
            assertTrue(rows.stream().anyMatch(row -> ((Number) row[col]).doubleValue() > 0), label + ": " + name + " never above 0");
        }
    }

    public static long col(Object[] row, Column c) {
        return ((Number) row[c.ordinal()]).longValue();
    }

    public static long sum(List<Object[]> rows, Column c) {
        return rows.stream().mapToLong(row -> col(row, c)).sum();
    }
}
