package dev.iovasim.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DIR/results.csv, written one row at a time and forced to disk after each, so a sweep killed
 * at any moment keeps every run that finished. A row with a key the header lacks widens the
 * header: the file is then rewritten whole, through a temporary file and a rename, so it is
 * never half old and half new.
 */
public final class ResultsFile {
    public static final String NAME = "results.csv";

    private final Path file;
    private List<String> columns = List.of();
    private final List<Map<String, String>> rows = new ArrayList<>();

    private ResultsFile(Path file) {
        this.file = file;
    }

    /** A new, empty results file in {@code dir}; refuses to overwrite one. */
    public static ResultsFile create(Path dir) throws IOException {
        Path f = dir.resolve(NAME);
        if (Files.exists(f)) throw new IllegalStateException(f + " already exists");
        ResultsFile r = new ResultsFile(f);
        r.columns = ResultColumns.standard();
        r.rewrite();
        return r;
    }

    /**
     * The results file of an earlier sweep in {@code dir}, ready to continue: a last line cut
     * short by a kill is dropped, and so are rows of failed runs, so a resume runs those points
     * again. The file is rewritten if anything was dropped.
     */
    public static ResultsFile resume(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(NAME))) return create(dir);
        ResultsFile r = new ResultsFile(dir.resolve(NAME));
        boolean cut = r.load();
        if (r.rows.removeIf(row -> !row.getOrDefault(ResultColumns.ERROR, "").isEmpty()) || cut) r.rewrite();
        return r;
    }

    /** Reads a results file as it is (for plots and the report). */
    public static ResultTable read(Path dir) throws IOException {
        ResultsFile r = new ResultsFile(dir.resolve(NAME));
        r.load();
        return r.table();
    }

    /** Reads the header and every complete row; true when a last line cut short was left out. */
    private boolean load() throws IOException {
        Csv.Parsed parsed = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<List<String>> records = parsed.records();
        boolean cut = !parsed.lastTerminated() && !records.isEmpty();
        int complete = cut ? records.size() - 1 : records.size();
        if (complete == 0) throw new IOException(file + ": no header line");
        columns = List.copyOf(records.get(0));
        for (int i = 1; i < complete; i++) {
            Map<String, String> row = row(records.get(i), i + 1);
            if (row != null) rows.add(row);
        }
        return cut;
    }

    private Map<String, String> row(List<String> cells, int line) throws IOException {
        if (cells.size() == 1 && cells.get(0).isEmpty()) return null;
        if (cells.size() != columns.size()) {
            throw new IOException(file + ":" + line + ": " + cells.size() + " cells, the header has " + columns.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = columns.get(c);
            String cell = cells.get(c);
            ResultColumns.Column col = ResultColumns.column(name);
            if (col != null && !cell.isEmpty() && !col.type().admits(cell)) {
                throw new IOException(file + ":" + line + ": column " + name + " holds '" + cell + "', not "
                        + (col.type() == ResultColumns.Type.INTEGER ? "an " : "a ") + col.type().doc());
            }
            row.put(name, cell);
        }
        return row;
    }

    /** The identities ({@link SweepPoint#id()}) of the runs already in the file. */
    public Set<String> finished() {
        return rows.stream().map(SweepPoint::id).collect(Collectors.toSet());
    }

    /** Adds one run's row and forces it to disk before returning. */
    public void append(Map<String, String> row) {
        rows.add(row);
        try {
            if (!columns.containsAll(row.keySet())) {
                columns = ResultColumns.widen(columns, row.keySet());
                rewrite();
            } else {
                write(file, line(row), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public ResultTable table() {
        return new ResultTable(columns, List.copyOf(rows));
    }

    private void rewrite() throws IOException {
        StringBuilder b = new StringBuilder(Csv.line(columns)).append('\n');
        for (Map<String, String> r : rows) b.append(line(r));
        Path tmp = file.resolveSibling(NAME + ".tmp");
        write(tmp, b.toString(), StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String line(Map<String, String> row) {
        return Csv.line(columns.stream().map(c -> row.getOrDefault(c, "")).toList()) + '\n';
    }

    private static void write(Path f, String text, StandardOpenOption... modes) throws IOException {
        try (FileChannel ch = FileChannel.open(f, modes)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
    }
}
