package dev.iovasim.cli;

import dev.iovasim.allocator.series.Column;
import dev.iovasim.allocator.series.RowSink;
import dev.iovasim.allocator.trace.Compression;
import dev.iovasim.sweep.ResultRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The time series as CSV (RFC 4180, a header row from {@link Column}), written with Commons CSV. */
record CsvRowSink(Path file, CSVPrinter printer) implements RowSink, Closeable {
    static CsvRowSink open(Path file) {
        try {
            // compressed as the name says (timeseries.csv.gz)
            Writer w = new OutputStreamWriter(Compression.create(file), StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(Column.header()).setRecordSeparator('\n').get();
            return new CsvRowSink(file, new CSVPrinter(w, format));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the time series " + file, e);
        }
    }

    @Override
    public void row(Object[] values) {
        try {
            // six significant digits without trailing zeros, '.' as decimal point whatever the locale
            for (Object v : values) printer.print(v instanceof Double ? ResultRow.cell(v) : v);
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the time series " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the time series " + file, e);
        }
    }
}
