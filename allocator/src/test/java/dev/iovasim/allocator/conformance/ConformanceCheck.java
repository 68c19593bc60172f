package dev.iovasim.allocator.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iovasim.allocator.Policy;
import java.io.IOException;
import java.util.List;

/**
 * One line of {@code conformance/MANIFEST.tsv}: replaying {@code trace} with {@code args} must
 * print what {@code expected} holds, to the extent its {@link Kind} says.
 */
public record ConformanceCheck(int line, boolean pending, Kind kind, String trace, String expected, List<String> args) {

    public enum Kind {
        /** The whole output: every pfn line and the first {@code #} line. */
        WHOLE,
        /** The trace is the first ops of a longer one, the output its pfn lines; no summary to compare. */
        PREFIX,
        /** The kernel stopped at a {@code # STOPPED} line (v4.15's use-after-free); the pfn lines before it. */
        STOPPED
    }

    static ConformanceCheck parse(int line, String text) {
        String[] f = text.split("\t");
        if (f.length != 5) throw bad(line, "expected 5 tab-separated columns, got " + f.length, text);
        boolean pending = switch (f[0]) {
            case "run" -> false;
            case "pending" -> true;
            default -> throw bad(line, "status must be run or pending", f[0]);
        };
        Kind kind;
        try {
            kind = Kind.valueOf(f[1].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(line, "check must be whole, prefix or stopped", f[1]);
        }
        if (!f[2].endsWith(".trace.xz")) throw bad(line, "a trace file is named <trace>.trace.xz", f[2]);
        if (!f[3].endsWith(".out.xz")) throw bad(line, "an expected output is named <trace>.<label>.out.xz", f[3]);
        return new ConformanceCheck(line, pending, kind, f[2], f[3], List.of(f[4].trim().split(" +")));
    }

    private static IllegalArgumentException bad(int line, String why, String text) {
        return new IllegalArgumentException(ConformanceSet.MANIFEST + " line " + line + ": " + why + ": " + text);
    }

    /** {@code c1-basic} for {@code c1-basic.trace.xz}. */
    public String traceName() {
        return trace.substring(0, trace.length() - ".trace.xz".length());
    }

    @Override
    public String toString() {
        return traceName() + " " + String.join(" ", args);
    }

    /**
     * The policy the arguments name, for tests below the CLI. They know {@code --policy},
     * {@code --magazine-size} and {@code --set KEY=VALUE} (applied in order, after the preset);
     * any other argument is an error naming the manifest line.
     */
    public Policy policy() {
        Policy p = null;
        Integer magazine = null;
        List<String> sets = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) throw unknown(a + "' without a value, or '" + a);
            switch (a) {
                case "--policy" -> p = Policy.byName(args.get(++i));
                case "--magazine-size" -> magazine = Integer.parseInt(args.get(++i));
                case "--set" -> sets.add(args.get(++i));
                default -> throw unknown(a);
            }
        }
        if (p == null) throw new IllegalStateException(ConformanceSet.MANIFEST + " line " + line + ": no --policy");
        if (magazine != null) p = p.withMagazineSize(magazine);
        for (String kv : sets) p = dev.iovasim.allocator.PolicySwitches.apply(p, kv);
        return p;
    }

    private IllegalStateException unknown(String arg) {
        return new IllegalStateException(ConformanceSet.MANIFEST + " line " + line
                + ": ConformanceCheck.policy() knows --policy NAME, --magazine-size N and --set KEY=VALUE, not '" + arg + "'");
    }

    public List<String> expectedLines() throws IOException {
        return ConformanceSet.lines(expected);
    }

    /**
     * Requires a replay's output lines to match the expected output: the pfn lines always; the
     * first {@code #} line for a whole check; for a prefix, the replay's pfn lines must end where
     * the stored ones do, since the prefix trace has exactly the ops that produced them.
     */
    public void requireMatches(List<String> actual) throws IOException {
        requireMatches(expectedLines(), actual);
    }

    void requireMatches(List<String> want, List<String> actual) {
        int n = 0;
        while (n < want.size() && !want.get(n).startsWith("#")) n++;
        for (int i = 0; i < n; i++) {
            if (i >= actual.size() || !want.get(i).equals(actual.get(i))) {
                fail(this + ": first difference at output line " + (i + 1) + ": expected " + want.get(i)
                        + " got " + (i < actual.size() ? actual.get(i) : "<end>"));
            }
        }
        switch (kind) {
            case WHOLE -> {
                assertTrue(n < want.size() && want.get(n).startsWith("# allocs "), expected + ": no summary line");
                assertTrue(n < actual.size(), this + ": no summary line after " + n + " pfn lines");
                assertEquals(want.get(n), actual.get(n), this + ": summary line");
            }
            case PREFIX -> {
                assertEquals(want.size(), n, expected + ": a prefix output holds pfn lines only");
                assertTrue(n < actual.size() && actual.get(n).startsWith("#"),
                        this + ": more pfn lines than the " + n + " stored: " + (n < actual.size() ? actual.get(n) : "<end>"));
            }
            case STOPPED -> assertTrue(n < want.size() && want.get(n).startsWith("# STOPPED"), expected + ": no # STOPPED line");
        }
    }
}
