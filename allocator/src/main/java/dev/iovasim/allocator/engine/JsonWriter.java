package dev.iovasim.allocator.engine;

import java.util.List;
import java.util.Map;

/** Writes reports as JSON: objects keep their key order, doubles print as Java does, NaN as null. */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** One line. */
    public static String write(Object value) {
        JsonWriter w = new JsonWriter(false);
        w.value(value);
        return w.out.toString();
    }

    /** Indented, one key a line. */
    public static String writePretty(Object value) {
        JsonWriter w = new JsonWriter(true);
        w.value(value);
        return w.out.append('\n').toString();
    }

    private void value(Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof RunReport r) {
            object(r.values());
        } else if (v instanceof Map<?, ?> m) {
            object(m);
        } else if (v instanceof List<?> l) {
            array(l);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else {
            string(v.toString());
        }
    }

    private void object(Map<?, ?> m) {
        out.append('{');
        depth++;
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) out.append(',');
            first = false;
            newline();
            string(String.valueOf(e.getKey()));
            out.append(pretty ? ": " : ":");
            value(e.getValue());
        }
        depth--;
        if (!m.isEmpty()) newline();
        out.append('}');
    }

    private void array(List<?> l) {
        out.append('[');
        depth++;
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) out.append(',');
            newline();
            value(l.get(i));
        }
        depth--;
        if (!l.isEmpty()) newline();
        out.append(']');
    }

    private void newline() {
        if (!pretty) return;
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
