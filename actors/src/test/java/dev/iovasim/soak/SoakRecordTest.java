package dev.iovasim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.engine.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict compares each JVM's last heap sample with its first at or after the baseline minute. */
class SoakRecordTest {
    /** Asserts the verdict (passed or not) and that its printout contains {@code line}. */
    private static void assertVerdict(SoakRecord r, boolean passes, String line) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean passed = r.verdict(new PrintStream(b, true, StandardCharsets.UTF_8));
        String out = b.toString(StandardCharsets.UTF_8);
        assertEquals(passes, passed, out);
        assertTrue(out.contains(line), out);
    }

    @Test
    void growthBeyondTheToleranceFails(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0, 0.10);
        r.heap(1, "tree", 1000);      // before the baseline minute: not the baseline
        r.heap(5.2, "tree", 10_000);
        r.heap(29.9, "tree", 11_500);
        assertVerdict(r, false, "heap tree: 10000 KB at the baseline, 11500 KB at the end (+15.0%, limit 10%) EXCEEDED");
    }

    @Test
    void noRunMeansNoPass(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0, 0.10);
        r.heap(5, "tree", 10_000);
        r.heap(30, "tree", 10_500);
        assertVerdict(r, false, "heap tree: 10000 KB at the baseline, 10500 KB at the end (+5.0%, limit 10%) ok");
    }

    @Test
    void aJvmWithNoSampleAfterTheBaselineFails(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0, 0.10);
        r.heap(1, "cpus-1", 10_000);
        assertVerdict(r, false, "heap cpus-1: no sample at or after minute 5.0");
    }

    /**
     * The 30-minute soak's heap grew 21% from minute 5 (run 2 then, after a slow start) to minute
     * 10 (about run 60) and stayed flat to minute 30: warm-up. The baseline waits for the warm-up runs.
     */
    @Test
    void theBaselineIsTakenOnlyAfterTheWarmupRuns(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 2, 0.10);
        r.heap(5.1, "tree", 8_000);   // minute 5, no run done yet: still warming up
        r.run(5.5, 0, "linux-6.1", passedRun());
        r.heap(6, "tree", 9_000);     // one run: still warming up
        r.run(6.5, 1, "linux-6.1", passedRun());
        r.heap(7, "tree", 10_000);    // the baseline
        r.heap(30, "tree", 10_900);
        assertVerdict(r, true, "heap tree: 10000 KB at the baseline, 10900 KB at the end (+9.0%, limit 10%) ok");
    }

    @Test
    void noSampleAfterTheWarmupFails(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 1, 0.10);
        r.heap(6, "tree", 10_000);
        r.heap(30, "tree", 10_000);
        assertVerdict(r, false, "heap tree: no sample at or after minute 5.0 and run 1");
    }

    private static RunReport passedRun() {
        return new RunReport().put("conservation_ok", true).put("engine_errors", 0).put("ops", 10).put("flushes", 0)
                .put("ops_per_second", 1).put("lost_cpus", 0);
    }
}
