package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void awkwardCellsSurviveARoundTrip() {
        List<String> cells = List.of("plain", "a,b", "say \"hi\"", "two\nlines", " edge ", "", "1.5");
        String line = Csv.line(cells);
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge \",,1.5", line);
        Csv.Parsed p = Csv.parse(line + "\n" + line + "\n");
        assertEquals(List.of(cells, cells), p.records());
        assertTrue(p.lastTerminated());
    }

    @Test
    void aRecordCutShortIsFlagged() {
        Csv.Parsed p = Csv.parse("a,b\n1,2\n3,");
        assertEquals(3, p.records().size());
        assertFalse(p.lastTerminated());
        assertEquals(List.of("3", ""), p.records().get(2));
    }
}
