package dev.iovasim.capture;

import java.util.function.Consumer;

/**
 * One kind of warning: every occurrence is counted, the first few are printed with their line
 * number, so a capture with a million foreign events does not bury the summary.
 */
final class Tally {
    static final int PRINTED = 5;

    private final String what;
    private final Consumer<String> warnings;
    private long count;

    Tally(String what, Consumer<String> warnings) {
        this.what = what;
        this.warnings = warnings;
    }

    void add(long lineNo, String detail) {
        count++;
        if (count <= PRINTED) {
            warnings.accept("line " + lineNo + ": " + what + ": " + detail
                    + (count == PRINTED ? " (further ones are only counted)" : ""));
        }
    }

    long count() {
        return count;
    }
}
