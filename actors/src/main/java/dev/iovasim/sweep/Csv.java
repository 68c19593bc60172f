package dev.iovasim.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of results.csv (RFC 4180): comma separated, {@code \n} line ends, a cell is
 * quoted when it holds a comma, a quote, a line break or edge spaces, and a quote inside a
 * quoted cell is doubled.
 */
public final class Csv {
    private Csv() {
    }

    /** The records of a CSV text, and whether the last one ended with a line break. */
    public record Parsed(List<List<String>> records, boolean lastTerminated) {
    }

    /** One record as a line, without the line break. */
    public static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(quote(cells.get(i)));
        }
        return b.toString();
    }

    static String quote(String cell) {
        if (cell == null) return "";
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || (!cell.isEmpty() && (cell.charAt(0) == ' ' || cell.charAt(cell.length() - 1) == ' '));
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /**
     * Parses {@code text}. A record cut short (the file ends inside it, without a line break)
     * is still returned, with {@code lastTerminated} false, so the caller can drop it.
     */
    public static Parsed parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean pending = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            pending = true;
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i < text.length() && text.charAt(i) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') i++;
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                pending = false;
            } else {
                cell.append(c);
            }
        }
        if (pending) {
            record.add(cell.toString());
            records.add(record);
        }
        return new Parsed(records, !pending);
    }
}
