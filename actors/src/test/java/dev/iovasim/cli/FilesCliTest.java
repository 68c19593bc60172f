package dev.iovasim.cli;

import static dev.iovasim.cli.ImportFixturesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The files the commands read and write (docs/cli.md, Files): an output that is one of the run's
 * inputs is refused before anything is opened; a directory, a truncated or corrupt compressed input,
 * an output directory that is a file are usage errors naming them, with no stack trace; every input
 * is decompressed by its first bytes and every output compressed by its name; a failed run leaves
 * no partial output file.
 */
class FilesCliTest {
    private static final String TRACE = "domain cpus=1\nalloc 0 1 1048575\nalloc 0 1 1048575\nfree 0 @1\nalloc 0 1 1048575\n";
    private static final String REPLAYED = "1048575\n1048574\n1048575\n# allocs 3 failed 0 rcache_hits 1 flushes 0 flushed_pfns 0\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path compressed(String name, String codec, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = switch (codec) {
            case "gz" -> new GZIPOutputStream(Files.newOutputStream(p));
            case "xz" -> new XZOutputStream(Files.newOutputStream(p), new LZMA2Options());
            default -> new ZstdOutputStream(Files.newOutputStream(p));
        }) {
            o.write(bytes);
        }
        return p;
    }

    private static String decompressed(Path p, String codec) throws IOException {
        try (InputStream raw = Files.newInputStream(p); InputStream in = switch (codec) {
            case "gz" -> new GZIPInputStream(raw);
            case "xz" -> new XZInputStream(raw);
            default -> new ZstdInputStream(raw);
        }) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Exit 2, {@code error} as the whole of standard error's first line, no stack trace. */
    private static void assertUsage(CliRun r, String error) {
        assertEquals(2, r.status(), r.err());
        assertEquals(error, r.errLines().get(0), r.err());
        assertFalse(r.err().contains("\tat "), () -> "no stack trace: " + r.err());
    }

    // ---------------------------------------------------------------- an output that is an input

    @Test
    void replayRefusesAnOutputThatIsItsInputUnderAnyName() throws Exception {
        Path trace = write("r.trace", TRACE);
        Path link = Files.createSymbolicLink(dir.resolve("link.trace"), trace);
        Path hard = Files.createLink(dir.resolve("hard.trace"), trace);
        for (Path out : List.of(trace, link, hard)) {
            assertUsage(CliRun.of("replay", trace.toString(), "--out", out.toString()), "error: --out: is the input file " + trace);
            assertUsage(CliRun.of("replay", trace.toString(), "--compare-kernel", "--out", out.toString()),
                    "error: --out: is the input file " + trace);
        }
        assertUsage(CliRun.of("replay", trace.toString(), "--timeseries", trace.toString()),
                "error: --timeseries: is the input file " + trace);
        assertEquals(TRACE, Files.readString(trace), "the input is untouched");
    }

    @Test
    void simulateRefusesAnOutputThatIsItsTrace() throws Exception {
        Path trace = write("same.trace", TRACE);
        String workload = "trace:" + trace;
        assertUsage(CliRun.of("simulate", "--workload", workload, "--policy", "linux-6.1", "--engine", "reference",
                "--emit-trace", trace.toString()), "error: --emit-trace: is the --workload trace " + trace);
        // with two policies the trace of each gets the policy's name: same.linux-6.1.trace
        Path named = write("same.linux-6.1.trace", TRACE);
        assertUsage(CliRun.of("simulate", "--workload", "trace:" + named, "--policy", "linux-4.14,linux-6.1", "--engine",
                "reference", "--emit-trace", trace.toString()), "error: --emit-trace: is the --workload trace " + named);
        assertUsage(CliRun.of("simulate", "--workload", workload, "--engine", "reference", "--json", trace.toString()),
                "error: --json: is the --workload trace " + trace);
        assertUsage(CliRun.of("simulate", "--workload", workload, "--engine", "reference", "--timeseries", trace.toString()),
                "error: --timeseries: is the --workload trace " + trace);
        assertEquals(TRACE, Files.readString(trace));
        assertEquals(TRACE, Files.readString(named));
    }

    @Test
    void importRefusesAnOutputThatIsTheCaptureOrTheReservedFile() throws Exception {
        Path capture = Files.copy(fixture("v6-trace-file.txt"), dir.resolve("c.txt"));
        String before = Files.readString(capture);
        assertUsage(CliRun.of("import", capture.toString(), "-o", capture.toString()), "error: --output: is the input file " + capture);
        Path reserved = write("reserved_regions", "0x00000000fee00000 0x00000000feefffff msi\n");
        assertUsage(CliRun.of("import", capture.toString(), "--reserved", reserved.toString(), "-o", reserved.toString()),
                "error: --output: is the --reserved file " + reserved);
        assertEquals(before, Files.readString(capture));
        assertTrue(Files.readString(reserved).startsWith("0x00000000fee00000"));
    }

    // ---------------------------------------------------------------- bad input files

    @Test
    void aDirectoryAsInputIsAUsageError() throws Exception {
        assertUsage(CliRun.of("replay", dir.toString()), "error: " + dir + ": is a directory, not a file");
        assertUsage(CliRun.of("import", dir.toString()), "error: " + dir + ": is a directory, not a file");
        assertUsage(CliRun.of("import", fixture("v6-trace-file.txt").toString(), "--reserved", dir.toString()),
                "error: --reserved: " + dir + ": is a directory, not a file");
        assertUsage(CliRun.of("simulate", "--workload", "trace:" + dir, "--engine", "reference"),
                "error: --workload: trace: '" + dir + "' is a directory, not a trace file");
    }

    @Test
    void aTruncatedOrCorruptCompressedInputIsAUsageErrorNamingIt() throws Exception {
        byte[] big = (TRACE + "alloc 0 1 1048575\n".repeat(4000)).getBytes(StandardCharsets.UTF_8);
        Path gz = compressed("t.trace.gz", "gz", big);
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(all, all.length / 2));
        String truncated = "error: " + gz + ": cannot decompress (gzip; truncated or corrupt): Unexpected end of ZLIB input stream";
        assertUsage(CliRun.of("replay", gz.toString()), truncated);
        assertUsage(CliRun.of("simulate", "--workload", "trace:" + gz, "--engine", "reference", "--policy", "linux-6.1"),
                "error: --workload: trace " + truncated.substring("error: ".length()));

        Path xz = compressed("t.trace.xz", "xz", big);
        byte[] x = Files.readAllBytes(xz);
        x[x.length / 2] ^= 0x55;
        Files.write(xz, x);
        CliRun r = CliRun.of("replay", xz.toString());
        assertUsage(r, r.errLines().get(0));
        assertTrue(r.err().startsWith("error: " + xz + ": cannot decompress (xz; truncated or corrupt): "), r.err());

        Path zst = compressed("t.zst", "zst", big);
        byte[] z = Files.readAllBytes(zst);
        Files.write(zst, Arrays.copyOf(z, z.length - 8));
        r = CliRun.of("replay", zst.toString());
        assertUsage(r, r.errLines().get(0));
        assertTrue(r.err().startsWith("error: " + zst + ": cannot decompress (zstd; truncated or corrupt): "), r.err());
        r = CliRun.of("import", "--cpus", "1", xz.toString());
        assertUsage(r, r.errLines().get(0));
        assertTrue(r.err().contains(": cannot decompress (xz"), r.err());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsAUsageError() throws Exception {
        Path file = write("afile", "x");
        assertUsage(CliRun.of("sweep", "--out", file.toString()), "error: --out: '" + file + "' exists and is not a directory");
        assertUsage(CliRun.of("sweep", "--out", file.resolve("sub").toString()), "error: --out: '" + file + "' exists and is not a directory");
        assertUsage(CliRun.of("dma-map-benchmark", "--sweep-threads", file.toString()),
                "error: --sweep-threads: '" + file + "' exists and is not a directory");
        assertUsage(CliRun.of("bench", "--write-traces", file.toString()), "error: --write-traces: '" + file + "' exists and is not a directory");
        assertEquals("x", Files.readString(file));
    }

    /** sweep --out beside --resume must be its directory: a link to it is (Files.isSameFile, not the path's text). */
    @Test
    void sweepOutBesideResumeIsItsDirectoryUnderAnyName() throws Exception {
        Path sweep = Files.createDirectory(dir.resolve("sweep"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), sweep);
        // both get as far as reading the (missing) plan: the same directory
        assertUsage(CliRun.of("sweep", "--resume", sweep.toString(), "--out", link.toString()),
                "error: --resume " + sweep + ": no plan.txt there (not a sweep directory)");
        assertUsage(CliRun.of("sweep", "--resume", sweep.toString(), "--out", dir.resolve("other").toString()),
                "error: --out: a resumed sweep writes where it started (" + sweep + "); drop --out");
    }

    // ---------------------------------------------------------------- compression

    /** simulate's table without the rows that differ between two runs of one trace: its name, the timings. */
    private static List<String> figures(CliRun r) {
        return r.outLines().stream().filter(l -> !l.matches("(workload|wall time|ops / s|simulated s / wall s) .*"))
                .map(l -> l.replaceAll(" +", " ")).toList();
    }

    @Test
    void aTraceWorkloadIsReadCompressedAsReplayReadsIt() throws Exception {
        byte[] bytes = TRACE.getBytes(StandardCharsets.UTF_8);
        CliRun plain = CliRun.of("simulate", "--workload", "trace:" + write("t.trace", TRACE), "--engine", "reference",
                "--policy", "linux-6.1");
        assertEquals(0, plain.status(), plain.err());
        assertTrue(plain.outLines().stream().anyMatch(l -> l.matches("operations +4")), plain.out());
        // named as they are or not: the first bytes decide, as for replay
        for (Path p : List.of(compressed("t.trace.xz", "xz", bytes), compressed("t.trace.zst", "zst", bytes),
                compressed("gzip.trace", "gz", bytes), write("plain.gz", TRACE))) {
            CliRun r = CliRun.of("simulate", "--workload", "trace:" + p, "--engine", "reference", "--policy", "linux-6.1");
            assertEquals(0, r.status(), p + ": " + r.err());
            assertEquals(figures(plain), figures(r), p.toString());
        }
    }

    @Test
    void outputsAreCompressedAsTheirNamesSay() throws Exception {
        Path trace = write("t.trace", TRACE);
        for (String codec : List.of("gz", "xz", "zst")) {
            Path out = dir.resolve("out." + codec);
            CliRun r = CliRun.of("replay", trace.toString(), "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals(REPLAYED, decompressed(out, codec), codec);
        }
        Path emitted = dir.resolve("run.trace.xz");
        Path series = dir.resolve("series.csv.gz");
        Path json = dir.resolve("runs.json.zst");
        CliRun r = CliRun.of("simulate", "--workload", "nic", "--cpus", "2", "--ops", "200", "--policy", "linux-6.7", "--engine",
                "reference", "--emit-trace", emitted.toString(), "--timeseries", series.toString(), "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(decompressed(emitted, "xz").startsWith("# written by iovasim simulate"));
        assertTrue(decompressed(series, "gz").startsWith("policy,sim_time_s,"));
        assertTrue(decompressed(json, "zst").startsWith("{"));
        // and replay reads the compressed trace back
        CliRun back = CliRun.of("replay", emitted.toString(), "--policy", "linux-6.7");
        assertEquals(0, back.status(), back.err());
        Path imported = dir.resolve("imported.trace.gz");
        r = CliRun.of("import", fixture("v6-trace-file.txt").toString(), "-o", imported.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(decompressed(imported, "gz").contains("map 3 8 4503599627370495 # kernel pfn 0xffff0"));
    }

    // ---------------------------------------------------------------- no partial output

    @Test
    void aFailedRunLeavesNoPartialOutputFile() throws Exception {
        Path capture = write("c.txt", Files.readString(fixture("v6-trace-file.txt")) + "this is not an event\n");
        Path imported = write("imported.trace", "an earlier run's trace\n");
        CliRun r = CliRun.of("import", capture.toString(), "--strict", "-o", imported.toString());
        assertEquals(2, r.status(), r.err());
        assertFalse(Files.exists(imported), "the partial trace is removed");

        Path bad = write("bad.trace", "alloc 0 1 1000\nfrob\n");
        Path out = dir.resolve("bad.out");
        r = CliRun.of("replay", bad.toString(), "--out", out.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of("error: line 2: unknown operation 'frob': frob"), r.errLines());
        assertFalse(Files.exists(out), "the partial output is removed");

        Path gz = compressed("t.trace.gz", "gz", (TRACE + "alloc 0 1 1048575\n".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(all, all.length - 20));
        r = CliRun.of("replay", gz.toString(), "--out", out.toString());
        assertEquals(2, r.status(), r.err());
        assertFalse(Files.exists(out));
    }
}
