package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an import writes: the kernel's pfn as the {@code # kernel pfn} comment that {@link KernelCompare} reads back. */
class TraceWriterTest {

    private static String write(java.util.function.Consumer<TraceWriter> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceWriter w = new TraceWriter(bytes);
        lines.accept(w);
        w.flush();
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void kernelPfnsAreLowerCaseHexWithoutLeadingZeros() {
        for (long pfn : new long[] {0, 1, 0xf, 0x10, 0xffff0, 0x7fff_ffff_ffffL, Long.MIN_VALUE, -1L}) {
            assertEquals("map 3 8 4503599627370495 dev=nvme0 # kernel pfn 0x" + Long.toHexString(pfn) + "\n"
                            + "free 3 @1 # kernel pfn 0x" + Long.toHexString(pfn) + "\n",
                    write(w -> {
                        w.imported(true, 3, 8, 4503599627370495L, "nvme0", pfn);
                        w.importedFree(3, 1, pfn);
                    }));
        }
    }
}
