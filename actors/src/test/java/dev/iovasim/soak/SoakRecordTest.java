package dev.iovasim.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict compares each JVM's last heap sample with its first at or after the baseline minute. */
class SoakRecordTest {
    private static String verdict(SoakRecord r, boolean[] passed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        passed[0] = r.verdict(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void growthBeyondTheToleranceFails(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0.10);
        r.heap(1, "tree", 1000);      // before the baseline minute: not the baseline
        r.heap(5.2, "tree", 10_000);
        r.heap(29.9, "tree", 11_500);
        boolean[] passed = new boolean[1];
        String out = verdict(r, passed);
        assertFalse(passed[0], out);
        assertTrue(out.contains("heap tree: 10000 KB at the baseline, 11500 KB at the end (+15.0%, limit 10%) EXCEEDED"), out);
    }

    @Test
    void noRunMeansNoPass(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0.10);
        r.heap(5, "tree", 10_000);
        r.heap(30, "tree", 10_500);
        boolean[] passed = new boolean[1];
        String out = verdict(r, passed);
        assertFalse(passed[0], out);
        assertTrue(out.contains("heap tree: 10000 KB at the baseline, 10500 KB at the end (+5.0%, limit 10%) ok"), out);
    }

    @Test
    void aJvmWithNoSampleAfterTheBaselineFails(@TempDir Path dir) {
        SoakRecord r = new SoakRecord(dir, 5, 0.10);
        r.heap(1, "cpus-1", 10_000);
        boolean[] passed = new boolean[1];
        String out = verdict(r, passed);
        assertFalse(passed[0], out);
        assertTrue(out.contains("heap cpus-1: no sample at or after minute 5.0"), out);
    }
}
