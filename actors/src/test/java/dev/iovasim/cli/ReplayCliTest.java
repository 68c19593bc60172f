package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iovasim replay}: input from a file, stdin or a .gz file, --out, and bad flags. */
class ReplayCliTest {
    /** D-1, then D-2 under 6.1; the free goes into a magazine and the third alloc reuses it. */
    private static final String TRACE = "domain cpus=1\nalloc 0 1 1048575\nalloc 0 1 1048575\nfree 0 @1\nalloc 0 1 1048575\n";
    private static final List<String> PFNS = List.of("1048575", "1048574", "1048575");
    private static final String SUMMARY = "# allocs 3 failed 0 rcache_hits 1 flushes 0 flushed_pfns 0";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertReplayed(List<String> lines) {
        assertEquals(PFNS, lines.subList(0, 3));
        assertEquals(SUMMARY, lines.get(3));
    }

    @Test
    void replaysAFile() throws Exception {
        CliRun r = CliRun.of("replay", write("t.trace", TRACE).toString());
        assertEquals(0, r.status(), r.err());
        assertReplayed(r.outLines());
    }

    @Test
    void readsStandardInput() {
        CliRun r = CliRun.withStdin(TRACE, "replay", "-");
        assertEquals(0, r.status(), r.err());
        assertReplayed(r.outLines());
    }

    @Test
    void readsGzip() throws Exception {
        Path gz = dir.resolve("t.trace.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(TRACE.getBytes(StandardCharsets.UTF_8));
        }
        CliRun r = CliRun.of("replay", gz.toString());
        assertEquals(0, r.status(), r.err());
        assertReplayed(r.outLines());
    }

    @Test
    void writesToOutFile() throws Exception {
        Path out = dir.resolve("out.txt");
        CliRun r = CliRun.of("replay", "--out", out.toString(), write("t.trace", TRACE).toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out(), "nothing on standard output");
        assertReplayed(Files.readAllLines(out));
    }

    @Test
    void policyChangesTheResult() throws Exception {
        // v4.14 does not reuse a cached 1-page range at exactly LIMIT
        CliRun r = CliRun.of("replay", "--policy", "linux-4.14", write("t.trace", TRACE).toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("1048575", "1048574", "1048573"), r.outLines().subList(0, 3));
    }

    @Test
    void unknownPolicyNamesTheValidOnes() throws Exception {
        CliRun r = CliRun.of("replay", "--policy", "linux-5.0", write("t.trace", TRACE).toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("linux-5.0"), r.err());
        for (String p : List.of("linux-4.14", "linux-4.15", "linux-6.1", "linux-6.7")) {
            assertTrue(r.err().contains(p), () -> "should list " + p + ": " + r.err());
        }
        assertEquals("", r.out());
    }

    @Test
    void magazineSizeZeroIsRefused() throws Exception {
        CliRun r = CliRun.of("replay", "--magazine-size", "0", write("t.trace", TRACE).toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: --magazine-size"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFile() {
        CliRun r = CliRun.of("replay", dir.resolve("nope.trace").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("nope.trace"), r.err());
    }
}
