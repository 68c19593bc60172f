package dev.iovasim.allocator.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run as ordered keys (the JSON names), each a number, text, flag, a nested
 * report or a list of nested reports. {@link StandardReport} puts the keys every engine reports;
 * an engine adds its own (e.g. {@code flush_latency_p50_us}) after them with {@link #put}.
 */
public final class RunReport {
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    public RunReport put(String key, long value) {
        values.put(key, value);
        return this;
    }

    public RunReport put(String key, double value) {
        values.put(key, value);
        return this;
    }

    // one overload per kind of value a report holds (not put(String, Object)): what the JSON and
    // table writers cannot show does not compile
    public RunReport put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public RunReport put(String key, boolean value) {
        values.put(key, value);
        return this;
    }

    /** A list of nested reports, copied: the report is its own. */
    public RunReport put(String key, List<RunReport> list) {
        values.put(key, List.copyOf(list));
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) throw new IllegalArgumentException("no key " + key + " in the report");
        return v;
    }

    public long longValue(String key) {
        return ((Number) get(key)).longValue();
    }

    public double doubleValue(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public String text(String key) {
        return String.valueOf(get(key));
    }

    public boolean flag(String key) {
        return (Boolean) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<RunReport> list(String key) {
        return (List<RunReport>) get(key);
    }

    /** The keys and values in order, read-only. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** The keys and values in order, nested reports included (the CLI writes JSON with Jackson). */
    @Override
    public String toString() {
        return values.toString();
    }
}
