package dev.iovasim.allocator.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The comparison rules of each kind of check, and the manifest line parser's errors. */
class ConformanceCheckTest {
    static final String SUMMARY = "# allocs 2 failed 0 rcache_hits 0 flushes 0 flushed_pfns 0";

    static ConformanceCheck check(String kind) {
        return ConformanceCheck.parse(7, "run\t" + kind + "\tt.trace.xz\tt.linux-6.1.out.xz\t--policy linux-6.1");
    }

    @Test
    void wholeComparesPfnsAndTheFirstSummaryLineOnly() {
        List<String> want = List.of("10", "20", SUMMARY, "# model A");
        assertDoesNotThrow(() -> check("whole").requireMatches(want, List.of("10", "20", SUMMARY, "# other")));
        assertThrows(AssertionFailedError.class, () -> check("whole").requireMatches(want, List.of("10", "21", SUMMARY)));
        assertThrows(AssertionFailedError.class,
                () -> check("whole").requireMatches(want, List.of("10", "20", SUMMARY.replace("rcache_hits 0", "rcache_hits 1"))));
        assertThrows(AssertionFailedError.class, () -> check("whole").requireMatches(want, List.of("10")));
    }

    @Test
    void prefixNeedsThePfnLinesAndNoMore() {
        List<String> want = List.of("10", "20");
        assertDoesNotThrow(() -> check("prefix").requireMatches(want, List.of("10", "20", "# allocs 2 anything")));
        assertThrows(AssertionFailedError.class, () -> check("prefix").requireMatches(want, List.of("10", "20", "30", SUMMARY)));
        assertThrows(AssertionFailedError.class, () -> check("prefix").requireMatches(want, List.of("10", "2", SUMMARY)));
    }

    @Test
    void stoppedComparesTheLinesBeforeTheStop() {
        List<String> want = List.of("10", "# STOPPED (v4.15 use-after-free)");
        assertDoesNotThrow(() -> check("stopped").requireMatches(want, List.of("10", "20", SUMMARY)));
        assertThrows(AssertionFailedError.class, () -> check("stopped").requireMatches(want, List.of("11", "20", SUMMARY)));
    }

    @Test
    void badManifestLinesNameTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConformanceCheck.parse(12, "later\twhole\tt.trace.xz\tt.x.out.xz\t--policy linux-6.1"));
        assertTrue(e.getMessage().startsWith("MANIFEST.tsv line 12: status must be run or pending"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConformanceCheck.parse(3, "run\twhole\tt.trace.xz"));
        assertThrows(IllegalArgumentException.class, () -> ConformanceCheck.parse(3, "run\tpartial\tt.trace.xz\tt.x.out.xz\t--policy linux-6.1"));
    }

    @Test
    void policyKnowsPolicyMagazineSizeAndSetAndRejectsTheRest() {
        ConformanceCheck mag = ConformanceCheck.parse(4, "run\twhole\tt.trace.xz\tt.x.out.xz\t--policy linux-6.1 --magazine-size 128");
        assertEquals(128, mag.policy().magazineSize());
        ConformanceCheck always = ConformanceCheck.parse(5, "run\twhole\tt.trace.xz\tt.x.out.xz\t--policy linux-6.7 --set sac=always");
        assertEquals(dev.iovasim.allocator.Policy.SacRule.ALWAYS, always.policy().sac());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConformanceCheck.parse(6, "run\twhole\tt.trace.xz\tt.x.out.xz\t--policy linux-6.7 --engine actors").policy());
        assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("--engine"), e.getMessage());
    }
}
