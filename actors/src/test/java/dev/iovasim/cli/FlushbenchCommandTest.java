package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code flushbench} in one JVM: what it prints, its warm-up default, and its refusals. */
class FlushbenchCommandTest {

    @Test
    void printsTheRoundsLatenciesAndTraffic() {
        CliRun r = CliRun.of("flushbench", "--cpus", "4", "--rounds", "5", "--warmup", "3", "--magazine-fill", "0.25",
                "--policy", "linux-6.7");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("flushbench: 4 CPU actors, 1 node(s), fan-out direct, linux-6.7 (127-pfn magazines,"
                + " 32 per magazine), 5 rounds after 3 warm-up"), r.out());
        assertTrue(r.out().contains("fan-out + gather      average latency(us):"), r.out());
        assertTrue(r.out().contains("flush (+ tree frees)  average latency(us):"), r.out());
        // a Flush and an answer per CPU, the depot's drain and its answer; 4 CPUs x 12 magazines x 32 pfns
        assertTrue(r.out().contains("per round: messages 10, bytes 0 (serialized and deserialized by the tree node),"
                + " pfns returned 1536"), r.out());
    }

    /** The bare rounds: the same messages and pfns per round, both distributions and their ratios, in JSON too. */
    @Test
    void compareBarePrintsBothDistributionsAndTheirRatios(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path json = dir.resolve("fb.json");
        CliRun r = CliRun.of("flushbench", "--cpus", "4", "--rounds", "4", "--warmup", "2", "--magazine-fill", "0.25",
                "--policy", "linux-6.7", "--compare-bare", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("bare fan-out + gather average latency(us):"), r.out());
        // a Flush and an answer per bare CPU, the bare depot's drain and its answer, as many pfns as the CPUs held
        assertTrue(r.out().contains("bare per round: messages 10, bytes 0, pfns returned 1536\n"), r.out());
        assertTrue(r.out().matches("(?s).*\nratio to bare \\(fan-out \\+ gather\\)  p50: [0-9.]+x  p99: [0-9.]+x  max: [0-9.]+x\n.*"),
                r.out());
        String j = java.nio.file.Files.readString(json);
        for (String key : new String[] {"\"gather\"", "\"bare_gather\"", "\"p99_us\"", "\"ratio_to_bare\"", "\"bare_per_round\""}) {
            assertTrue(j.contains(key), key + " in " + j);
        }
        assertTrue(j.contains("\"messages\": 10"), j);
    }

    @Test
    void withoutCompareBareNothingBareIsPrinted() {
        CliRun r = CliRun.of("flushbench", "--cpus", "2", "--rounds", "1", "--warmup", "0", "--magazine-fill", "0");
        assertEquals(0, r.status(), r.err());
        assertTrue(!r.out().contains("bare"), r.out());
    }

    @Test
    void oneJvmWarmsUpFor300RoundsUnlessTold() {
        CliRun r = CliRun.of("flushbench", "--cpus", "2", "--rounds", "1", "--magazine-fill", "0");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("1 rounds after " + FlushbenchCommand.ONE_JVM_WARMUP + " warm-up"), r.out());
    }

    @Test
    void badFlagsAreRefusedByName() {
        assertRefused("--cpus: must be in 1..65536, got 0", "--cpus", "0");
        assertRefused("--rounds: must be at least 1, got 0", "--cpus", "2", "--rounds", "0");
        assertRefused("--warmup: must be 0 or more, got -1", "--cpus", "2", "--warmup", "-1");
        assertRefused("--magazine-fill: must be in 0..1, got 1.5", "--cpus", "2", "--magazine-fill", "1.5");
        assertRefused("--threads: must be 0 or more, got -2", "--cpus", "2", "--threads", "-2");
        assertEquals(2, CliRun.of("flushbench").status(), "--cpus is required");
    }

    private static void assertRefused(String message, String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "flushbench";
        System.arraycopy(flags, 0, args, 1, flags.length);
        CliRun r = CliRun.of(args);
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("error: " + message), r.err());
        assertTrue(r.out().isEmpty(), "nothing printed before the refusal: " + r.out());
    }
}
