package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.progress.LogProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's log (standard error not a terminal): one progress line per ten seconds at most. */
class SweepProgressTest {
    private long now;

    @Test
    void quickRunsShareOneLinePerTenSecondsAndAFailureAlwaysHasItsLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        SweepProgress p = new SweepProgress(out, total -> new LogProgress("sweep", total, "runs", 1, out, () -> now));
        SweepPoint point = new SweepPoint(2, 1, "linux-6.1", "sac-pressure", "reference", "direct", 1, 10, 1);
        p.start(100, 0);
        for (int i = 0; i < 50; i++) {
            now += 1_000_000_000L; // a run of one second each
            p.running(point);
            p.finished(point, 1.0, null);
        }
        now += 1_000_000L;
        p.finished(point, 0.001, "node lost");
        p.end();
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("sweep: 100 runs, 0 already done", lines.get(0));
        // 50 s of runs: a line at 10, 20, 30, 40 and 50 s, then the failure and the end
        assertEquals(1 + 5 + 1 + 1, lines.size(), String.join("\n", lines));
        assertEquals("sweep: 10/100 runs, elapsed 0:10, left ~1:30, " + point.label(), lines.get(1));
        assertTrue(lines.get(6).contains("failed after 0.0 s: node lost"), lines.get(6));
        assertTrue(lines.get(7).startsWith("sweep: 51/100 runs done"), lines.get(7));
    }
}
