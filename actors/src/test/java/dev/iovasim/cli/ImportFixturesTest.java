package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code iovasim import} on the fixtures of src/test/resources/capture (their README names each
 * one's source): hand-written captures in two kernels' event formats and real published excerpts.
 */
class ImportFixturesTest {
    /** The trace's LIMIT for a 64-bit DMA mask at 4 KiB: (2^64 - 1) >> 12. */
    private static final String LIMIT64 = "4503599627370495";

    static Path fixture(String name) throws Exception {
        return Path.of(ImportFixturesTest.class.getResource("/capture/" + name).toURI());
    }

    /** The operation lines of a trace, without comments and header. */
    static List<String> ops(CliRun r) {
        return r.outLines().stream().filter(l -> !l.startsWith("#") && !l.startsWith("domain")).toList();
    }

    /**
     * v6.x text (iommu.h prints "iova=.. - END"), the trace file's layout: the three abutting
     * 1-page map events on CPU 2 are one scatter-gather mapping (iommu_dma_map_sg allocates once,
     * iommu_map_sg maps piece by piece), freed by its single unmap; other events are skipped.
     */
    @Test
    void v6TraceFile() throws Exception {
        CliRun r = CliRun.of("import", fixture("v6-trace-file.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.outLines().contains("domain cpus=4 granule=4096 start_pfn=1"), r.out()); // from "#P:4"
        assertEquals(List.of(
                "map 1 1 " + LIMIT64 + " # kernel pfn 0xfffff",
                "map 2 3 " + LIMIT64 + " # kernel pfn 0xffffc",
                "free 1 @1 # kernel pfn 0xfffff",
                "free 3 @2 # kernel pfn 0xffffc",
                "map 3 8 " + LIMIT64 + " # kernel pfn 0xffff0"), ops(r));
        assertTrue(r.err().contains("5 map and 2 unmap events -> 3 allocations (2 map events coalesced"), r.err());
        assertTrue(r.err().contains("0 unmaps without a map, 1 maps held at the end, 0 events not from the DMA API"), r.err());
        assertTrue(r.err().contains("note: each unmap event was taken as the free"), r.err());
    }

    /**
     * v5.4 text (no "- END"), trace-cmd report's layout with its "cpus=4" header: map events on
     * one CPU that do not abut stay separate allocations, and an unmap on another CPU frees there.
     */
    @Test
    void v54TraceCmdReport() throws Exception {
        CliRun r = CliRun.of("import", fixture("v5.4-trace-cmd-report.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.outLines().contains("domain cpus=4 granule=4096 start_pfn=1"), r.out());
        assertEquals(List.of(
                "map 0 1 " + LIMIT64 + " # kernel pfn 0xfffff",
                "map 0 1 " + LIMIT64 + " # kernel pfn 0xffffe",
                "free 2 @1 # kernel pfn 0xfffff",
                "map 2 1 " + LIMIT64 + " # kernel pfn 0xfffff",
                "map 1 16 " + LIMIT64 + " # kernel pfn 0xfffe0",
                "free 1 @4 # kernel pfn 0xfffe0"), ops(r));
        assertTrue(r.err().contains("2 maps held at the end"), r.err());
    }

    /**
     * The ath12k thread's excerpt: a 512 KiB coherent buffer (128 pages) mapped on CPU 10 and
     * unmapped on CPU 11. The dma_alloc event after the map names its device (written as dev=,
     * the trace format's version 2); dma_free and io_page_fault are skipped.
     * No header: the first pass finds CPU 11, so the domain has 12 CPUs.
     */
    @Test
    void ath12kExcerpt() throws Exception {
        CliRun r = CliRun.of("import", fixture("ath12k-lkml-2025.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.outLines().contains("domain cpus=12 granule=4096 start_pfn=1"), r.out());
        assertEquals(List.of(
                "map 10 128 " + LIMIT64 + " dev=0000:c2:00.0 # kernel pfn 0xfe980",
                "free 11 @1 # kernel pfn 0xfe980"), ops(r));
        assertTrue(r.err().contains("0 malformed lines"), r.err());
    }

    /**
     * The VFIO excerpt: qemu maps guest memory into an unmanaged domain. Its mapping at iova 0
     * and its long run of abutting pieces from 0xc0000 (1344 pages, not aligned the way
     * alloc_iova aligns) cannot come from the DMA API and are left out; the unmaps of pages never
     * mapped in the capture are counted. Two later 2 MiB pieces happen to look like one aligned
     * 4 MiB DMA mapping and are kept: the shape of the events is all import can judge.
     */
    @Test
    void qemuVfioExcerpt() throws Exception {
        CliRun r = CliRun.of("import", "--cpus", "16", fixture("qemu-vfio-excerpt.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(
                "map 8 1024 " + LIMIT64 + " # kernel pfn 0x7fc00",
                "map 8 1 " + LIMIT64 + " # kernel pfn 0xfffc0"), ops(r));
        assertTrue(r.err().contains("2 unmaps without a map, 2 maps held at the end, 2 events not from the DMA API"), r.err());
        assertTrue(r.err().contains("iova 0 is never allocated"), r.err());
        assertTrue(r.err().contains("is not aligned to its 1344-page size"), r.err());
    }

    /** The dev= variant of vendor kernels: the device is kept, and does not disturb the fields around it. */
    @Test
    void deviceNameVariant() throws Exception {
        CliRun r = CliRun.of("import", fixture("dev-name-patch-2021.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.outLines().contains("domain cpus=8 granule=4096 start_pfn=1"), r.out());
        assertEquals(List.of(
                "map 5 1 " + LIMIT64 + " # kernel pfn 0xffff36",
                "free 5 @1 # kernel pfn 0xffff36",
                "map 5 1 " + LIMIT64 + " dev=1d84000.ufshc # kernel pfn 0xfffa88",
                "free 5 @2 # kernel pfn 0xfffa88"), ops(r));
    }
}
