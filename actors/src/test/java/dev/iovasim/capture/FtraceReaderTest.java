package dev.iovasim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ftrace text reader on single lines of each layout and payload variant. */
class FtraceReaderTest {
    private final List<String> problems = new ArrayList<>();

    private CaptureEvent read(String text) throws Exception {
        FtraceReader r = new FtraceReader(new BufferedReader(new StringReader(text)), (n, why, t) -> problems.add(n + ": " + why));
        CaptureEvent e = new CaptureEvent();
        return r.next(e) ? e : null;
    }

    /** v6.x map (iommu.h since v5.13): the "- END" word is skipped, not taken for the size. */
    @Test
    void v6MapWithEndAddress() throws Exception {
        CaptureEvent e = read("  fio-901 [007] d..1. 12.345678: map: IOMMU: iova=0x00000000fff00000 - 0x00000000fff02000"
                + " paddr=0x0000000123456000 size=8192\n");
        assertEquals(CaptureEvent.MAP, e.kind);
        assertEquals(7, e.cpu());
        assertEquals(12_345_678_000L, e.timestampNanos);
        assertEquals(0xfff00000L, e.iova);
        assertEquals(8192, e.size);
        assertNull(e.device);
    }

    /** v5.4 unmap (no end address); the trace-cmd layout without a flags column. */
    @Test
    void v54UnmapWithoutEndAddress() throws Exception {
        CaptureEvent e = read("  <idle>-0     [012]   355.120050: unmap:                IOMMU: iova=0x00000000fffff000 size=4096 unmapped_size=4096\n");
        assertEquals(CaptureEvent.UNMAP, e.kind);
        assertEquals(12, e.cpu());
        assertEquals(0xfffff000L, e.iova);
        assertEquals(4096, e.size);
    }

    /** "iommu:map:" where the system is printed, and a nanosecond timestamp (trace-cmd report -t). */
    @Test
    void systemPrefixedNameAndNanosecondTimestamp() throws Exception {
        CaptureEvent e = read("  kworker/u8:2-77 [001] 100.123456789: iommu:map: IOMMU: iova=0x1000 paddr=0x2000 size=4096\n");
        assertEquals(CaptureEvent.MAP, e.kind);
        assertEquals(100_123_456_789L, e.timestampNanos);
        assertEquals(0x1000, e.iova);
    }

    /** A task name with spaces, brackets and dashes before the CPU field. */
    @Test
    void taskNameWithBracketsAndSpaces() throws Exception {
        CaptureEvent e = read("  Web Content [pid]-3-44 [003] ..... 5.000001: unmap: IOMMU: iova=0x3000 size=4096 unmapped_size=4096\n");
        assertEquals(3, e.cpu());
        assertEquals(0x3000, e.iova);
    }

    @Test
    void otherEventsAreSkippedAndBrokenIommuEventsReported() throws Exception {
        assertNull(read("  sh-1 [000] ..... 1.000000: sched_switch: prev_comm=sh prev_pid=1\n"));
        assertTrue(problems.isEmpty());
        assertNull(read("  sh-1 [000] ..... 1.000000: map: IOMMU: paddr=0x2000 size=4096\n"));
        assertEquals(List.of("1: iommu map event without iova="), problems);
    }

    @Test
    void headerGivesTheCpuCount() throws Exception {
        FtraceReader r = new FtraceReader(new BufferedReader(new StringReader(
                "# entries-in-buffer/entries-written: 0/0   #P:96\n")), (n, why, t) -> { });
        assertFalse(r.next(new CaptureEvent()));
        assertEquals(96, r.cpusFromHeader());
        FtraceReader cmd = new FtraceReader(new BufferedReader(new StringReader("cpus=8\nversion = 6\nCPU 3 is empty\n")), (n, why, t) -> { });
        assertFalse(cmd.next(new CaptureEvent()));
        assertEquals(8, cmd.cpusFromHeader());
    }

    @Test
    void detection() {
        assertTrue(FtraceReader.recognises(List.of("# tracer: nop")));
        assertTrue(FtraceReader.recognises(List.of("  a-1 [000] 1.5: x: y")));
        assertFalse(FtraceReader.recognises(List.of("hello", "[12] not a timestamp")));
    }
}
