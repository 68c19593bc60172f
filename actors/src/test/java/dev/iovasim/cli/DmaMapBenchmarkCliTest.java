package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dma-map-benchmark speaks tools/testing/selftests/dma/dma_map_benchmark.c's language (v6.6..v6.13). */
class DmaMapBenchmarkCliTest {
    private static final Pattern HEADER =
            Pattern.compile("dma mapping benchmark: threads:\\d+ seconds:\\d+ node:-?\\d+ dir:(BIDIRECTIONAL|TO_DEVICE|FROM_DEVICE) granule: \\d+");
    private static final Pattern MAP = Pattern.compile("average map latency\\(us\\):\\d+\\.\\d standard deviation:\\d+\\.\\d");
    private static final Pattern UNMAP = Pattern.compile("average unmap latency\\(us\\):\\d+\\.\\d standard deviation:\\d+\\.\\d");

    /** A short run: the 10 us transmit delay keeps the loop count of one simulated second small. */
    private static final String[] SHORT = {"dma-map-benchmark", "-t", "2", "-s", "1", "-x", "10000", "-g", "4", "-d", "2"};

    @Test
    void printsTheToolsThreeLinesAndNothingElseOnStandardOutput() {
        CliRun r = CliRun.of(SHORT);
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        assertEquals(3, lines.size(), r.out());
        assertTrue(HEADER.matcher(lines.get(0)).matches(), lines.get(0));
        assertEquals("dma mapping benchmark: threads:2 seconds:1 node:-1 dir:FROM_DEVICE granule: 4", lines.get(0));
        assertTrue(MAP.matcher(lines.get(1)).matches(), lines.get(1));
        assertTrue(UNMAP.matcher(lines.get(2)).matches(), lines.get(2));
    }

    @Test
    void theSameFlagsAndSeedGiveTheSameOutput() {
        assertEquals(CliRun.of(SHORT).out(), CliRun.of(SHORT).out());
    }

    /** Runs dma-map-benchmark with {@code args}: exit 2, nothing on stdout, stderr naming {@code flag} and {@code why}. */
    static void refused(String flag, String why, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "dma-map-benchmark";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        assertEquals(ExitCodes.USAGE, r.status(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().startsWith("error: " + flag + ":") && r.err().contains(why), String.join(" ", args) + ": " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void refusesWhatTheKernelToolRefusesNamingTheFlag() {
        refused("-t", "must be in 1-1024", "-t", "0");
        refused("-t", "must be in 1-1024", "-t", "1025");
        refused("-s", "must be in 1-300", "-s", "301");
        refused("-b", "must be in 20-64", "-b", "19");
        refused("-b", "must be in 20-64", "-b", "65");
        refused("-g", "must be in 1-1024", "-g", "0");
        refused("-g", "must be in 1-1024", "-g", "1025");
        refused("-x", "must be in 0-10000000", "-x", "-1");
        refused("-d", "invalid dma direction", "-d", "3");
        refused("-d", "invalid dma direction", "-d", "SIDEWAYS");
        refused("-n", "one node", "-n", "1");
        refused("-t", "", "-t", "many");
    }

    @Test
    void lazyInvalidationRunsWithFlushQueuesAndBadModesAreRefused() {
        String[] lazy = {"dma-map-benchmark", "-t", "2", "-s", "1", "-x", "10000", "-g", "4", "--invalidation", "lazy", "--verbose"};
        CliRun r = CliRun.of(lazy);
        assertEquals(0, r.status(), r.err());
        assertEquals(3, r.outLines().size(), r.out());
        assertTrue(UNMAP.matcher(r.outLines().get(2)).matches(), r.out());
        assertTrue(r.err().contains("lazy invalidation") && r.err().contains("# flush queues: queued "), r.err());
        assertEquals(r.out(), CliRun.of(lazy).out());
        refused("--invalidation", "strict|lazy|lazy-single", "--invalidation", "sometimes");
        refused("--policy", "", "--policy", "linux-9.9");
    }

    @Test
    void aMapThatFindsNoSpaceEndsTheRunWithStatus1() {
        CliRun r = CliRun.of("dma-map-benchmark", "-t", "8", "-s", "1", "-b", "20", "-g", "64", "-x", "100000");
        assertEquals(ExitCodes.FAILURE, r.status(), r.err());
        assertTrue(r.err().startsWith("error: dma_map_single failed"), r.err());
    }

    @Test
    void theThreadSweepWritesACsvRowPerPolicyAndThreadCountAndAPng(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sweep");
        CliRun r = CliRun.of("dma-map-benchmark", "--sweep-threads", out.toString(), "--sweep-ms", "1",
                "--policy", "linux-4.14,linux-6.7", "-x", "10000");
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("map-latency.csv"));
        assertEquals(1 + 2 * 9, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("linux-4.14,1,1,1,32,10000,") && csv.get(18).startsWith("linux-6.7,256,"), csv.toString());
        byte[] png = Files.readAllBytes(out.resolve("map-latency.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }
}
