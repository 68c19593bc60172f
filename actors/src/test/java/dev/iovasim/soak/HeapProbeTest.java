package dev.iovasim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The heap figure is read from GC.heap_info as the JDK 17 collectors print it. */
class HeapProbeTest {
    @Test
    void parallelCollectorSumsYoungAndOld() throws IOException {
        String info = """
                12345:
                 PSYoungGen      total 76288K, used 1310K [0x00000000fab00000, 0x0000000100000000, 0x0000000100000000)
                  eden space 65536K, 2% used [0x00000000fab00000,0x00000000fac47a10,0x00000000feb00000)
                 ParOldGen       total 175104K, used 15000K [0x00000000f0000000, 0x00000000fab00000, 0x00000000fab00000)
                 Metaspace       used 30000K, committed 30500K, reserved 1081344K
                """;
        assertEquals(16310, HeapProbe.parse(info, 12345));
    }

    @Test
    void g1HasOneHeapLine() throws IOException {
        assertEquals(20480, HeapProbe.parse(" garbage-first heap   total 262144K, used 20480K [0x0, 0x0)\n", 1));
    }

    @Test
    void noHeapLineIsAnError() {
        IOException e = assertThrows(IOException.class, () -> HeapProbe.parse("1: Could not attach\n", 1));
        assertEquals(true, e.getMessage().contains("no heap space"), e.getMessage());
    }
}
