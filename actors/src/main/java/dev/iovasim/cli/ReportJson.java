package dev.iovasim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.trace.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run reports as JSON (Jackson): objects keep their key order, a non-finite double is
 * {@code null} (JSON has no NaN), indented two spaces with {@code "key": value}.
 */
final class ReportJson {
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private ReportJson() {
    }

    /** Writes {@code value} into {@code file} (simulate's and flushbench's --json). */
    static void write(Path file, Object value) {
        try {
            byte[] text = (PRETTY.writeValueAsString(plain(value)) + "\n").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Compression.create(file)) { // compressed as the name says (runs.json.gz)
                out.write(text);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run report that JSON cannot hold: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reports as maps, NaN and infinities as null; everything else as Jackson writes it. */
    private static Object plain(Object v) {
        if (v instanceof RunReport r) return plain(r.values());
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) return null;
        return v;
    }
}
