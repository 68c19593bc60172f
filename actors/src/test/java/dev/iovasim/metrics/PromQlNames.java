package dev.iovasim.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found by erasing everything that is not one:
 * strings, label matchers, range and subquery brackets, grouping label lists, offsets, then
 * dropping function names, keywords and Grafana variables. Enough for dashboard queries.
 */
public final class PromQlNames {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSETS = Pattern.compile("\\boffset\\s+-?[0-9a-z$_]+");
    private static final Pattern WORDS = Pattern.compile("(?<![\\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset", "inf", "nan", "Inf", "NaN");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\(\\s*(.*?)\\s*(?:,\\s*\\w+\\s*)?\\)\\s*$");

    private PromQlNames() {
    }

    public static Set<String> of(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPINGS.matcher(s).replaceAll(" ");
        s = OFFSETS.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = WORDS.matcher(s);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) names.add(m.group());
        }
        return names;
    }

    /** The names a Grafana variable query {@code label_values(selector, label)} reads. */
    public static Set<String> ofVariableQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) throw new IllegalArgumentException("not a label_values(...) query: " + query);
        return of(m.group(1));
    }
}
