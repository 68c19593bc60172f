package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A flag and a {@code --set} of the same switch (--magazine-size, --forcedac, --invalidation) that
 * say different things are a usage error naming both, in every command that takes both; when they
 * agree, the run goes ahead. Neither wins silently.
 */
class FlagAndSetTest {
    @TempDir
    static Path tmp;

    /** Each command that takes --set, with what it needs to get as far as reading its flags. */
    private static List<String> command(String name) {
        return switch (name) {
            case "simulate" -> List.of("simulate", "--cpus", "2", "--ops", "10", "--engine", "reference");
            case "replay" -> List.of("replay", "/no/such/file.trace");
            case "sweep" -> List.of("sweep", "--cpus", "2", "--repeat", "1", "--ops", "10", "--policy", "linux-6.1", "--out", tmp.resolve("sweep").toString());
            case "dma-map-benchmark" -> List.of("dma-map-benchmark", "-s", "1");
            case "flushbench" -> List.of("flushbench", "--cpus", "2", "--rounds", "1", "--warmup", "0");
            case "bench" -> List.of("bench", "--ops", "10", "--repeat", "1", "--warmup", "0");
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static CliRun run(String name, String... more) {
        List<String> args = new ArrayList<>(command(name));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void disagree(String expected, CliRun r) {
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("error: " + expected + " disagree"), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "replay", "dma-map-benchmark", "flushbench", "bench"})
    void magazineSizeAndItsSetMustAgree(String command) {
        disagree("--magazine-size 4 and --set magazine-size=8", run(command, "--magazine-size", "4", "--set", "magazine-size=8"));
        // the order on the command line does not matter
        disagree("--magazine-size 4 and --set magazine-size=8", run(command, "--set", "magazine-size=8", "--magazine-size", "4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "replay", "sweep", "dma-map-benchmark", "flushbench", "bench"})
    void forcedacAndItsSetMustAgree(String command) {
        disagree("--forcedac and --set forcedac=off", run(command, "--forcedac", "--set", "forcedac=off"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "replay", "dma-map-benchmark"})
    void invalidationAndItsSetMustAgree(String command) {
        disagree("--invalidation strict and --set invalidation=lazy", run(command, "--invalidation", "strict", "--set", "invalidation=lazy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "replay", "sweep", "dma-map-benchmark", "flushbench", "bench"})
    void aSwitchSetTwiceMustAgree(String command) {
        disagree("--set magazine-size=4 and --set magazine-size=8", run(command, "--set", "magazine-size=4", "--set", "magazine-size=8"));
    }

    @Test
    void aFlagAndASetThatAgreeRun() {
        CliRun r = run("simulate", "--policy", "linux-6.7", "--magazine-size", "8", "--set", "magazine-size=8", "--set", "magazine-size=8", "--forcedac",
                "--set", "FORCEDAC=on", "--invalidation", "lazy", "--set", "invalidation=lazy");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().contains("linux-6.7-mag8+forcedac=on+invalidation=lazy"), r.out());
    }

    /**
     * The single queue ("iommu/dma: Use a large flush queue and timeout for shadow_on_flush", v6.7):
     * the flag and a trace header are refused under an older preset, naming it, as --forcedac is;
     * --set invalidation=lazy-single models it anyway (a what-if), and a header saying so replays.
     */
    @Test
    void lazySingleIsRefusedUnderPresetsOlderThanV67UnlessSet() throws Exception {
        CliRun r = run("simulate", "--policy", "linux-6.4", "--invalidation", "lazy-single");
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --invalidation lazy-single: linux-6.4 (v6.4 - v6.6) predates the single flush queue (v6.7)"), r.err());
        assertEquals(ExitCodes.OK, run("simulate", "--policy", "linux-6.7", "--invalidation", "lazy-single").status());
        assertEquals(ExitCodes.OK, run("simulate", "--policy", "linux-6.4", "--set", "invalidation=lazy-single").status());
        Path trace = tmp.resolve("single.trace");
        java.nio.file.Files.writeString(trace, "domain cpus=2 invalidation=lazy-single\nalloc 0 1 1048575\nfree 0 @1\n");
        for (String engine : List.of("reference", "actors")) {
            CliRun h = CliRun.of("replay", "--policy", "linux-4.15", "--engine", engine, trace.toString());
            assertEquals(ExitCodes.USAGE, h.status(), h.err());
            assertTrue(h.err().contains("the trace's header says invalidation=lazy-single, but linux-4.15"), h.err());
            CliRun w = CliRun.of("replay", "--policy", "linux-4.15", "--set", "invalidation=lazy-single", "--engine", engine, trace.toString());
            assertEquals(ExitCodes.OK, w.status(), w.err());
        }
    }

    @Test
    void aBadValueIsReportedByItsOwnFlagNotAsADisagreement() {
        CliRun r = run("simulate", "--magazine-size", "0", "--set", "magazine-size=8");
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --magazine-size: must be in 1..65536, got 0"), r.err());
    }
}
