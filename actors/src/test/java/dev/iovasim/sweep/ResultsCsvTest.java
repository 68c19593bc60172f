package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.csv through Commons CSV: awkward cells, every schema column read back, the documented schema. */
class ResultsCsvTest {
    @TempDir
    Path dir;

    @Test
    void awkwardCellsSurviveARoundTrip() throws IOException {
        List<String> cells = List.of("plain", "a,b", "say \"hi\"", "two\nlines", " edge ", "", "1.5");
        String line = Csv.line(cells);
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge \",,1.5", line);
        Csv.Parsed p = Csv.parse(line + "\n" + line + "\n");
        assertEquals(List.of(cells, cells), p.records());
        assertTrue(p.lastTerminated());
    }

    @Test
    void aRecordCutShortIsFlaggedOrDropped() throws IOException {
        Csv.Parsed p = Csv.parse("a,b\n1,2\n3,");
        assertEquals(3, p.records().size());
        assertFalse(p.lastTerminated());
        assertEquals(List.of("3", ""), p.records().get(2));
        // cut inside a quoted cell: the record cannot be read, and only it is lost
        Csv.Parsed q = Csv.parse("a,b\n1,2\n3,\"x, y");
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), q.records());
        assertFalse(q.lastTerminated());
    }

    /** A value of the column's type, different for every column so a swapped column shows. */
    private static Object sample(ResultColumns.Column c, int i) {
        return switch (c.type()) {
            case INTEGER -> 1000L + i;
            case DECIMAL -> i + 0.25;
            case BOOLEAN -> i % 2 == 0;
            case TEXT -> "text " + i;
        };
    }

    @Test
    void everyColumnOfTheSchemaIsReadBackAsWritten() throws IOException {
        SweepPoint point = new SweepPoint(8, 2, "linux-6.7", "sac-pressure", "actors", "per-node", 1, 300, 7);
        Map<String, Object> report = new LinkedHashMap<>();
        List<ResultColumns.Column> schema = ResultColumns.schema();
        for (int i = 0; i < schema.size(); i++) {
            ResultColumns.Column c = schema.get(i);
            if (!SweepPoint.COLUMNS.contains(c.name()) && c.type() != ResultColumns.Type.TEXT) report.put(c.name(), sample(c, i));
        }
        report.put("depot_trim", "a note, not a measurement");
        ResultsFile f = ResultsFile.create(dir);
        f.append(ResultRow.of(point, report));
        ResultTable t = ResultsFile.read(dir);
        assertEquals(ResultColumns.standard(), t.columns(), "a text value must not widen the header");
        Map<String, String> row = t.rows().get(0);
        assertEquals(point.cells(), Map.copyOf(Map.of("policy", row.get("policy"), "engine", row.get("engine"),
                "workload", row.get("workload"), "fanout", row.get("fanout"), "nodes", row.get("nodes"),
                "cpus", row.get("cpus"), "repeat", row.get("repeat"), "seed", row.get("seed"), "ops", row.get("ops"))));
        for (int i = 0; i < schema.size(); i++) {
            ResultColumns.Column c = schema.get(i);
            String cell = row.get(c.name());
            if (report.containsKey(c.name()) && !List.of("hit_rate", "fanout_messages_per_flush", "fanout_bytes_per_flush",
                    "flushed_pfns_per_flush", "work_units_per_op").contains(c.name())) {
                assertEquals(ResultRow.cell(sample(c, i)), cell, c.name());
            }
            if (!cell.isEmpty()) assertTrue(c.type().admits(cell), c.name() + " = " + cell);
        }
        // the derived columns are the report's own figures divided
        assertEquals(ResultRow.cell((double) (Long) report.get("rcache_hits") / (Long) report.get("allocs")), row.get("hit_rate"));
        assertEquals(ResultRow.cell((double) (Long) report.get("fanout_bytes") / (Long) report.get("flushes")),
                row.get("fanout_bytes_per_flush"));
        assertEquals("", row.get("error"));
    }

    @Test
    void textInANumericColumnIsRefusedNamingLineAndColumn() throws IOException {
        List<String> cols = ResultColumns.standard();
        String[] cells = new String[cols.size()];
        java.util.Arrays.fill(cells, "");
        cells[cols.indexOf("policy")] = "linux-6.1";
        cells[cols.indexOf("cpus")] = "4";
        cells[cols.indexOf("hit_rate")] = "93%";
        Files.writeString(dir.resolve(ResultsFile.NAME), Csv.line(cols) + "\n" + Csv.line(List.of(cells)) + "\n");
        IOException e = assertThrows(IOException.class, () -> ResultsFile.read(dir));
        assertTrue(e.getMessage().endsWith("results.csv:2: column hit_rate holds '93%', not a decimal"), e.getMessage());
    }

    @Test
    void theDocumentedSchemaIsTheCodesSchema() throws IOException {
        StringBuilder want = new StringBuilder("| column | type | unit | meaning |\n|---|---|---|---|\n");
        for (ResultColumns.Column c : ResultColumns.schema()) {
            want.append("| `").append(c.name()).append("` | ").append(c.type().doc()).append(" | ").append(c.unit())
                    .append(" | ").append(c.meaning()).append(" |\n");
        }
        String doc = Files.readString(ProjectFiles.root().resolve("docs/sweep-csv.md"));
        assertTrue(doc.contains(want), "docs/sweep-csv.md must hold this table:\n" + want);
    }
}
