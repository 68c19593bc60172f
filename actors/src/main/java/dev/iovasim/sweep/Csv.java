package dev.iovasim.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV dialect of results.csv, on Apache Commons CSV: RFC 4180 (comma separated, a cell
 * quoted when it needs it, a quote inside doubled) with {@code \n} line ends.
 */
public final class Csv {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private Csv() {
    }

    /** The records of a CSV text, and whether the last one ended with a line break. */
    public record Parsed(List<List<String>> records, boolean lastTerminated) {
    }

    /** One record as a line, without the line break. */
    public static String line(List<String> cells) {
        return FORMAT.format(cells.toArray());
    }

    /**
     * Parses {@code text}. A last record cut short (the file ends inside it, without a line
     * break: a writer killed mid-line) is still returned when it parses, with
     * {@code lastTerminated} false, so the caller can drop it; one cut inside a quoted cell is
     * dropped here.
     */
    public static Parsed parse(String text) throws IOException {
        boolean terminated = text.isEmpty() || text.endsWith("\n");
        List<List<String>> records = new ArrayList<>();
        try (CSVParser p = CSVParser.builder().setFormat(FORMAT).setReader(new StringReader(text)).get()) {
            for (CSVRecord r : p) records.add(r.toList());
        } catch (UncheckedIOException e) {
            // an open quote at the end of the text: the cut-short record is the one that failed
            if (terminated) throw new IOException(e.getCause().getMessage(), e);
        }
        return new Parsed(records, terminated);
    }
}
