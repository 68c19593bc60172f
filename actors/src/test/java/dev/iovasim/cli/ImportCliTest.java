package dev.iovasim.cli;

import static dev.iovasim.cli.ImportFixturesTest.fixture;
import static dev.iovasim.cli.ImportFixturesTest.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** {@code iovasim import}: inputs, flags, the checks on events, and their errors. */
class ImportCliTest {
    private static final String HEAD = "# tracer: nop\n# entries-in-buffer/entries-written: 3/3   #P:2\n";

    @TempDir
    Path dir;

    private static String map(int cpu, String ts, long iova, long size) {
        return String.format("  kworker-1 [%03d] .....  %s: map: IOMMU: iova=0x%016x - 0x%016x paddr=0x0000000100000000 size=%d%n",
                cpu, ts, iova, iova + size, size);
    }

    private static String unmap(int cpu, String ts, long iova, long size) {
        return String.format("  kworker-1 [%03d] .....  %s: unmap: IOMMU: iova=0x%016x - 0x%016x size=%d unmapped_size=%d%n",
                cpu, ts, iova, iova + size, size, size);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsGzipXzAndZstdByTheirMagicBytes() throws Exception {
        byte[] plain = Files.readAllBytes(fixture("v6-trace-file.txt"));
        String expected = CliRun.of("import", fixture("v6-trace-file.txt").toString()).out();
        Path gz = dir.resolve("c.gz");
        Path xz = dir.resolve("c.xz");
        Path zst = dir.resolve("c.bin"); // no telling name: the magic bytes decide
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(plain);
        }
        try (OutputStream o = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            o.write(plain);
        }
        try (OutputStream o = new ZstdOutputStream(Files.newOutputStream(zst))) {
            o.write(plain);
        }
        for (Path p : List.of(gz, xz, zst)) {
            CliRun r = CliRun.of("import", p.toString());
            assertEquals(0, r.status(), p + ": " + r.err());
            assertEquals(expected.replace(fixture("v6-trace-file.txt").toString(), p.toString()), r.out(), p.toString());
        }
    }

    @Test
    void truncatedGzipIsAnInputError() throws Exception {
        Path gz = dir.resolve("c.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(fixture("v6-trace-file.txt")));
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        CliRun r = CliRun.of("import", "--cpus", "4", gz.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("cannot decompress"), r.err());
    }

    @Test
    void standardInputNeedsAHeaderOrCpus() {
        String capture = map(1, "1.000001", 0xfffff000L, 4096);
        CliRun none = CliRun.withStdin(capture, "import", "-");
        assertEquals(2, none.status(), none.err());
        assertTrue(none.err().contains("give --cpus N"), none.err());
        CliRun given = CliRun.withStdin(capture, "import", "--cpus", "2", "-");
        assertEquals(0, given.status(), given.err());
        assertTrue(given.out().contains("domain cpus=2 granule=4096 start_pfn=1\n"), given.out());
        CliRun header = CliRun.withStdin(HEAD + capture, "import", "-");
        assertEquals(0, header.status(), header.err());
    }

    @Test
    void malformedLinesAreCountedOrStopUnderStrict() throws Exception {
        Path p = write("c.txt", HEAD + map(0, "1.000001", 0xfffff000L, 4096)
                + "  kworker-1 [000] .....  1.000002: map: IOMMU: iova=0xZZ paddr=0x1 size=4096\n"
                + "garbage after the first event\n"
                + unmap(0, "1.000003", 0xfffff000L, 4096));
        CliRun lax = CliRun.of("import", p.toString());
        assertEquals(0, lax.status(), lax.err());
        assertTrue(lax.err().contains("warning: line 4: malformed line: bad number in iova=0xZZ"), lax.err());
        assertTrue(lax.err().contains("warning: line 5: malformed line: not a trace event line"), lax.err());
        assertTrue(lax.err().contains("2 malformed lines"), lax.err());
        assertEquals(2, ops(lax).size());

        CliRun strict = CliRun.of("import", "--strict", p.toString());
        assertEquals(2, strict.status(), strict.err());
        assertTrue(strict.err().contains("error: " + p + ": line 4: bad number in iova=0xZZ"), strict.err());
    }

    /** A 32-bit device: iommu_dma_alloc_iova makes one alloc_iova_fast call with the mask's limit. */
    @Test
    void thirtyTwoBitMaskWritesAllocWithThatLimit() throws Exception {
        Path p = write("c.txt", HEAD + map(1, "1.000001", 0xfffff000L, 4096) + map(1, "1.100000", 0x1_0000_0000L, 4096));
        CliRun r = CliRun.of("import", "--dma-mask-bits", "32", p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("alloc 1 1 1048575 # kernel pfn 0xfffff"), ops(r));
        assertTrue(r.err().contains("above the DMA mask/aperture 0xffffffff"), r.err());
    }

    @Test
    void apertureCapsTheLimit() throws Exception {
        Path p = write("c.txt", HEAD + map(0, "1.000001", 0xfffff000L, 4096));
        CliRun r = CliRun.of("import", "--aperture-bits", "48", p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("map 0 1 " + ((1L << 36) - 1) + " # kernel pfn 0xfffff"), ops(r));
    }

    /** What the DMA API cannot produce: unaligned iovas and sizes, a size not aligned as alloc_iova aligns, double maps. */
    @Test
    void eventsTheDmaApiCannotProduceAreLeftOut() throws Exception {
        Path p = write("c.txt", HEAD
                + map(0, "1.000001", 0xfffff800L, 4096)          // iova inside a page
                + map(0, "1.100000", 0xffff0000L, 1000)           // size not a whole page
                + map(0, "1.200000", 0xffffd000L, 2 * 4096)       // 2 pages at an odd pfn
                + map(1, "1.300000", 0xfffff000L, 4096)
                + map(0, "1.400000", 0xfffff000L, 4096)           // mapped again before its unmap
                + unmap(1, "1.500000", 0xfffff000L, 4096)
                + unmap(1, "1.600000", 0xffffd000L, 2 * 4096));  // the left-out mapping's unmap: silent
        CliRun r = CliRun.of("import", p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("map 1 1 4503599627370495 # kernel pfn 0xfffff", "free 1 @1 # kernel pfn 0xfffff"), ops(r));
        assertTrue(r.err().contains("0 unmaps without a map, 0 maps held at the end, 4 events not from the DMA API"), r.err());
        assertTrue(r.err().contains("is not granule-aligned"), r.err());
        assertTrue(r.err().contains("size 1000 is not a multiple of the granule 4096"), r.err());
        assertTrue(r.err().contains("is not aligned to its 2-page size"), r.err());
        assertTrue(r.err().contains("iova 0xfffff000 is mapped already"), r.err());
    }

    @Test
    void unmapOfAnotherSizeIsCountedAndFreesTheWholeMapping() throws Exception {
        Path p = write("c.txt", HEAD + map(0, "1.000001", 0xffffc000L, 4 * 4096) + unmap(0, "1.100000", 0xffffc000L, 4096));
        CliRun r = CliRun.of("import", p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("map 0 4 4503599627370495 # kernel pfn 0xffffc", "free 0 @1 # kernel pfn 0xffffc"), ops(r));
        assertTrue(r.err().contains("1 unmaps of another size"), r.err());
    }

    @Test
    void cpuBeyondTheDomainIsAMalformedLine() throws Exception {
        Path p = write("c.txt", HEAD + map(5, "1.000001", 0xfffff000L, 4096));
        CliRun r = CliRun.of("import", "--strict", p.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("CPU 5 is beyond the domain's cpus=2"), r.err());
    }

    @Test
    void reservedRegionsBecomeReserveLines() throws Exception {
        Path regions = write("reserved_regions", "0x00000000fee00000 0x00000000feefffff msi\n"
                + "0x0000000008000000 0x00000000080fffff msi\n0x00000000000a0000 0x00000000000bffff direct\n");
        CliRun r = CliRun.of("import", "--reserved", regions.toString(), fixture("v6-trace-file.txt").toString());
        assertEquals(0, r.status(), r.err());
        List<String> reserves = r.outLines().stream().filter(l -> l.startsWith("reserve")).toList();
        assertEquals(List.of("reserve 1043968 1044223 # reserved region", "reserve 160 191 # reserved region"), reserves);
        assertTrue(r.err().contains("left out the software MSI window"), r.err());
    }

    @Test
    void badReservedLineIsAnInputError() throws Exception {
        Path regions = write("reserved_regions", "0x00000000fee00000 msi\n");
        CliRun r = CliRun.of("import", "--reserved", regions.toString(), fixture("v6-trace-file.txt").toString());
        assertEquals(2, r.status(), r.err());
        // the regions file and its line, not the capture's
        assertEquals("error: " + regions + ": line 1: expected 'START END TYPE': 0x00000000fee00000 msi", r.errLines().get(0), r.err());
    }

    @Test
    void badFlagsAndUnknownInputExit2() throws Exception {
        String f = fixture("v6-trace-file.txt").toString();
        for (String[] args : List.of(new String[] {"import", "--granule", "3000", f}, new String[] {"import", "--dma-mask-bits", "65", f},
                new String[] {"import", "--format", "perf", f}, new String[] {"import", dir.resolve("missing").toString()})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
        CliRun noRegions = CliRun.of("import", "--reserved", dir.resolve("none").toString(), f);
        assertEquals(2, noRegions.status(), noRegions.err());
        assertEquals("error: no such file: " + dir.resolve("none") + "\n", noRegions.err().replace("\r", ""));
        CliRun text = CliRun.of("import", write("notes.txt", "hello\nworld\n").toString());
        assertEquals(2, text.status(), text.err());
        assertTrue(text.err().contains("not a capture format iovasim knows (ftrace)"), text.err());
    }

    @Test
    void writesToAFileWithOutput() throws Exception {
        Path out = dir.resolve("t.trace");
        CliRun r = CliRun.of("import", fixture("v6-trace-file.txt").toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(out).contains("map 3 8 4503599627370495 # kernel pfn 0xffff0"));
    }

    /** A capture from the middle of a domain's life: the report names the first difference, status stays 0. */
    @Test
    void compareKernelReportsTheFirstDifference() throws Exception {
        Path trace = write("t.trace", "domain cpus=1\nmap 0 1 4503599627370495 # kernel pfn 0xfffff\n"
                + "map 0 1 4503599627370495 # kernel pfn 0xff000\nmap 0 1 4503599627370495\n");
        CliRun r = CliRun.of("replay", "--compare-kernel", trace.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("compare-kernel: 1 of 2 allocations got the kernel's pfn (50.0%); 1 without a kernel pfn;"
                + " first difference at trace line 3 (allocation 2): kernel 0xff000, simulated 0xffffe"), r.err());
        CliRun stdin = CliRun.withStdin("domain cpus=1\n", "replay", "--compare-kernel", "-");
        assertEquals(2, stdin.status(), stdin.err());
    }

    /**
     * dma.h (v6.x) events after a mapping name its device: dma_map_page's "dma_addr=HEX" and
     * dma_map_sg's "dma_addrs={0x..}". --device keeps one device's mappings (and their frees).
     */
    @Test
    void deviceKeepsOneDevicesMappings() throws Exception {
        String capture = HEAD
                + map(0, "1.000001", 0xfffff000L, 4096)
                + "  kworker-1 [000] .....  1.000002: dma_map_page: 0000:01:00.0 dir=TO_DEVICE dma_addr=fffff000 size=4096"
                + " phys_addr=100000000 attrs=\n"
                + map(1, "1.000003", 0xffffc000L, 4096) + map(1, "1.000004", 0xffffd000L, 4096)
                + "  kworker-1 [001] .....  1.000005: dma_map_sg: 0000:02:00.0 dir=FROM_DEVICE nents=2/2 ents=1/1"
                + " dma_addrs={0xffffc000} sizes={8192} phys_addrs={0x100000000,0x100200000} attrs=\n"
                + map(1, "1.000006", 0xffffa000L, 8192)
                + unmap(1, "1.000007", 0xffffc000L, 8192) + unmap(0, "1.000008", 0xfffff000L, 4096);
        Path p = write("c.txt", capture);
        CliRun all = CliRun.of("import", p.toString());
        assertEquals(0, all.status(), all.err());
        assertEquals(List.of(
                "map 0 1 4503599627370495 dev=0000:01:00.0 # kernel pfn 0xfffff",
                "map 1 2 4503599627370495 dev=0000:02:00.0 # kernel pfn 0xffffc",
                "map 1 2 4503599627370495 # kernel pfn 0xffffa",
                "free 1 @2 # kernel pfn 0xffffc",
                "free 0 @1 # kernel pfn 0xfffff"), ops(all));
        CliRun one = CliRun.of("import", "--device", "0000:02:00.0", p.toString());
        assertEquals(0, one.status(), one.err());
        assertEquals(List.of("map 1 2 4503599627370495 dev=0000:02:00.0 # kernel pfn 0xffffc", "free 1 @1 # kernel pfn 0xffffc"), ops(one));
        assertTrue(one.err().contains("--device left out 1 mappings of other devices and 1 of no known device"), one.err());
        assertTrue(one.err().contains("0 maps held at the end"), one.err());
    }
}
