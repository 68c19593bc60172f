package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.DmaLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The trace format's {@code map CPU SIZE LIMIT dev=NAME}: read, numbered, rejected, written. */
class DeviceTraceTest {

    private static TraceReader reader(String text) {
        return new TraceReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void devicesAreNumberedInOrderOfFirstAppearanceAndDefaultIsZero() throws Exception {
        TraceReader r = reader("map 0 1 4096\nmap 0 1 4096 dev=nic # a comment\nmap 0 1 4096 dev=nvme0\nmap 0 1 4096 dev=nic\nalloc 0 1 4096\n");
        int[] want = {DmaLayer.DEFAULT_DEVICE, 1, 2, 1};
        for (int id : want) {
            assertTrue(r.next());
            assertEquals(TraceReader.MAP, r.kind());
            assertEquals(id, r.device());
        }
        assertNull(r.deviceName(0));
        assertEquals("nic", r.deviceName(1));
        assertEquals("nvme0", r.deviceName(2));
    }

    @Test
    void malformedDevicesNameTheLine() {
        String longName = "x".repeat(TraceReader.MAX_DEVICE_NAME + 1);
        String[][] cases = {
            {"map 0 1 4096 dev=", "needs a device name"},
            {"map 0 1 4096 nic", "unknown map option"},
            {"map 0 1 4096 dev=a dev=b", "expected 'map CPU SIZE LIMIT [dev=NAME]'"},
            {"map 0 1 4096 dev=" + longName, "longer than"},
            {"map 0 1 4096 dev=n\u00e9", "printable ASCII"},
        };
        for (String[] c : cases) {
            TraceException e = assertThrows(TraceException.class, () -> {
                TraceReader r = reader("domain cpus=1\n" + c[0] + "\n");
                while (r.next()) {
                    // read to the error
                }
            }, c[0]);
            assertEquals(2L, e.line(), c[0]);
            assertTrue(e.why().contains(c[1]), c[0] + ": " + e.why());
        }
    }

    @Test
    void writerWritesNamedDevicesAndReaderReadsThemBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(out)) {
            w.map(0, 1, 4096, null, 4095);
            w.map(0, 2, 4096, "nic", 4094);
        }
        String text = out.toString(StandardCharsets.US_ASCII);
        assertEquals("map 0 1 4096 # 4095\nmap 0 2 4096 dev=nic # 4094\n", text);
        TraceReader r = reader(text);
        r.next();
        assertEquals(0, r.device());
        r.next();
        assertEquals("nic", r.deviceName(r.device()));
    }
}
