package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path dir;

    private static SweepPoint point(int cpus) {
        return new SweepPoint(cpus, 1, "linux-6.1", "sac-pressure", "reference", "direct", 0, 100, 1);
    }

    private static Map<String, Object> report(long flushes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("allocs", 50L);
        r.put("rcache_hits", 40L);
        r.put("flushes", flushes);
        r.put("flushed_pfns", 30L);
        r.put("wall_seconds", 0.125);
        return r;
    }

    @Test
    void rowsAreOnDiskAsSoonAsAppendedWithDerivedColumns() throws IOException {
        ResultsFile f = ResultsFile.create(dir);
        f.append(ResultRow.of(point(2), report(3)));
        ResultTable t = ResultsFile.read(dir);
        assertEquals(ResultColumns.standard(), t.columns());
        Map<String, String> row = t.rows().get(0);
        assertEquals("0.8", row.get("hit_rate"));
        assertEquals("10", row.get("flushed_pfns_per_flush"));
        assertEquals("0.125", row.get("wall_seconds"));
        assertEquals("", row.get("fanout_messages_per_flush"));
        assertEquals("", row.get("error"));
    }

    @Test
    void anUnknownKeyWidensTheHeaderBeforeError() throws IOException {
        ResultsFile f = ResultsFile.create(dir);
        f.append(ResultRow.of(point(2), report(1)));
        Map<String, Object> extra = report(1);
        extra.put("magazine_moves", 12L);
        f.append(ResultRow.of(point(4), extra));
        ResultTable t = ResultsFile.read(dir);
        List<String> cols = t.columns();
        assertEquals("magazine_moves", cols.get(cols.size() - 2));
        assertEquals("error", cols.get(cols.size() - 1));
        assertEquals("", t.rows().get(0).get("magazine_moves"));
        assertEquals("12", t.rows().get(1).get("magazine_moves"));
    }

    @Test
    void resumeDropsACutShortLineAndFailedRuns() throws IOException {
        ResultsFile f = ResultsFile.create(dir);
        f.append(ResultRow.of(point(2), report(1)));
        f.append(ResultRow.failed(point(4), new IllegalStateException("boom, \"really\"")));
        f.append(ResultRow.of(point(8), report(1)));
        Path csv = dir.resolve(ResultsFile.NAME);
        String text = Files.readString(csv);
        Files.writeString(csv, text.substring(0, text.length() - 7));
        assertEquals("IllegalStateException: boom, \"really\"", ResultsFile.read(dir).failed().get(0).get("error"));

        ResultsFile resumed = ResultsFile.resume(dir);
        assertEquals(1, resumed.finished().size());
        assertTrue(resumed.finished().contains(point(2).id()));
        assertEquals(1, ResultsFile.read(dir).rows().size());
        assertTrue(Files.readString(csv).endsWith("\n"));
    }
}
