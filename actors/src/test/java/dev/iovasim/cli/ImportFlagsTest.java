package dev.iovasim.cli;

import static dev.iovasim.cli.ImportFixturesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code import}'s flags are checked before the capture is read, and a bad one is named as every
 * command names its flags: {@code error: --flag: why}, with the value as typed.
 */
class ImportFlagsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--granule|5000|--granule: must be a power of two in 4096..65536, got 5000",
        "--granule|abc|--granule: expected a whole number, got 'abc'",
        "--dma-mask-bits|65|--dma-mask-bits: must be in 12..64, got 65",
        "--dma-mask-bits|x|--dma-mask-bits: expected a whole number, got 'x'",
        "--aperture-bits|5|--aperture-bits: must be 0 (no cap) or in 12..64, got 5",
        "--cpus|100000|--cpus: must be in 1..65536 (or 0: the capture's), got 100000",
        "--cpus|-1|--cpus: must be in 1..65536 (or 0: the capture's), got -1",
        "--sg-window-us|-1|--sg-window-us: must be in 0..3600000000, got -1",
        "--device|a#b|--device: device name must be one word without '#', got 'a#b'",
    })
    void aBadFlagIsNamedWithTheValueTyped(String flag, String value, String expected) {
        // the capture does not exist: the flag is refused before anything is read
        CliRun r = CliRun.of("import", flag, value, dir.resolve("missing").toString());
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertEquals("error: " + expected, r.errLines().get(0), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theMostCpusATraceHasIsAccepted() throws Exception {
        CliRun r = CliRun.of("import", "--cpus", "65536", fixture("v6-trace-file.txt").toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.outLines().contains("domain cpus=65536 granule=4096 start_pfn=1"), r.out());
    }

    /** A capture whose header says more CPUs than a trace can have: refused, not written for replay to refuse. */
    @Test
    void aCaptureWithMoreCpusThanATraceIsRefused() throws Exception {
        String capture = Files.readString(fixture("v6-trace-file.txt")).replaceFirst("#P:\\d+", "#P:100000");
        assertTrue(capture.contains("#P:100000"), "the fixture has a #P: header");
        Path file = dir.resolve("big.txt");
        Files.writeString(file, capture);
        for (CliRun r : new CliRun[] {CliRun.of("import", file.toString()), CliRun.withStdin(capture, "import", "-")}) {
            assertEquals(ExitCodes.USAGE, r.status(), r.err());
            assertTrue(r.err().contains("the capture has 100000 CPUs, more than a trace's 65536; give --cpus N"), r.err());
            assertTrue(!r.out().contains("domain cpus=100000"), r.out());
        }
    }
}
