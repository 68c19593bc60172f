package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dma-map-benchmark --wall: kernel/dma/map_benchmark.c's loop (v6.6..v6.13) on the actor engine,
 * timed by the wall clock. The figures depend on the host, so these tests pin the output's shape,
 * the integer averaging's bounds and the refusals, not values.
 */
class DmaMapBenchmarkWallCliTest {
    private static final Pattern LATENCY =
            Pattern.compile("average (map|unmap) latency\\(us\\):(\\d+\\.\\d) standard deviation:(\\d+\\.\\d)");

    @Test
    void printsTheToolsThreeLinesWithMeasuredLatenciesAndSaysWhoseTheyAre() {
        CliRun r = CliRun.of("dma-map-benchmark", "--wall", "-t", "2", "-s", "1", "-x", "1000", "-g", "4", "-d", "1",
                "--verbose");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        assertEquals(3, lines.size(), r.out());
        assertEquals("dma mapping benchmark: threads:2 seconds:1 node:-1 dir:TO_DEVICE granule: 4", lines.get(0));
        for (int i = 1; i <= 2; i++) {
            Matcher m = LATENCY.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(i == 1 ? "map" : "unmap", m.group(1));
            // a message round trip between actors takes well over 100 ns, so no average truncates to 0
            assertTrue(Double.parseDouble(m.group(2)) > 0, lines.get(i));
            // a thread's whole run is bounded by -s plus the ask timeout (30 s), so is any one latency, and the
            // mean and the deviation too (a loaded host may stall a loop for seconds, so no tighter bound)
            assertTrue(Double.parseDouble(m.group(2)) < 31e6 && Double.parseDouble(m.group(3)) < 31e6, lines.get(i));
        }
        assertTrue(r.err().contains("this JVM's actor message round trips") && r.err().contains("not the kernel's"), r.err());
        assertTrue(r.err().contains("actor engine") && r.err().contains("conservation check ok"), r.err());
    }

    @Test
    void theHelpSaysTheLatenciesAreThisJvmsNotTheKernels() {
        CliRun r = CliRun.of("dma-map-benchmark", "--help");
        assertEquals(0, r.status(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--wall") && help.contains("this JVM's message latencies, not the kernel's"), r.out());
    }

    @Test
    void aMapThatFindsNoSpaceEndsTheWallRunWithStatus1() {
        // a 1024-page buffer cannot fit under a 20-bit mask (256 pages) whatever the threads' timing; the
        // cost model's test can overcommit the space with many threads, but here how many maps are
        // held at once depends on the host's scheduling
        CliRun r = CliRun.of("dma-map-benchmark", "--wall", "-t", "2", "-s", "1", "-b", "20", "-g", "1024");
        assertEquals(ExitCodes.FAILURE, r.status(), r.err());
        assertTrue(r.err().contains("error: dma_map_single failed: thread "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void flagsTheWallRunCannotHonourAreUsageErrorsNamingTheFlag(@TempDir Path dir) {
        DmaMapBenchmarkCliTest.refused("-s", "with --wall, wall seconds must be in 1-60, got 61", "--wall", "-s", "61");
        DmaMapBenchmarkCliTest.refused("-s", "must be in 1-300", "--wall", "-s", "301");
        DmaMapBenchmarkCliTest.refused("--wall", "--sweep-threads", "--wall", "-s", "1", "--sweep-threads", dir.resolve("sweep").toString());
        DmaMapBenchmarkCliTest.refused("--wall", "no flush queues", "--wall", "-s", "1", "--set", "invalidation=lazy");
        // --invalidation MODE is --set invalidation=MODE: refused the same way
        DmaMapBenchmarkCliTest.refused("--wall", "invalidation=lazy: the wall-clock loop drives no flush queues",
                "--wall", "-s", "1", "--invalidation", "lazy");
        DmaMapBenchmarkCliTest.refused("--wall", "invalidation=lazy-single: the wall-clock loop drives no flush queues",
                "--wall", "-s", "1", "--policy", "linux-6.7", "--invalidation", "lazy-single");
    }
}
