package dev.iovasim.bench.capture;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A large capture in the trace file's layout with v6.x payloads, for the import benchmark and for
 * checking that import runs in bounded memory: {@code java -cp benchmarks.jar
 * dev.iovasim.bench.capture.SyntheticCapture EVENTS FILE}. Up to {@value #LIVE} mappings are
 * live at a time, each a distinct page-aligned range, mapped and unmapped on random CPUs.
 */
public final class SyntheticCapture {
    static final int LIVE = 4096;
    static final int CPUS = 16;

    private SyntheticCapture() {
    }

    public static void write(long events, Writer out) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] liveIova = new long[LIVE];
        long[] liveSize = new long[LIVE];
        out.write("# tracer: nop\n#\n# entries-in-buffer/entries-written: " + events + "/" + events + "   #P:" + CPUS + "\n#\n");
        long t = 1_000_000_000L;
        long next = 0xffff_f000L;
        StringBuilder b = new StringBuilder(160);
        for (long i = 0; i < events; i++) {
            // slots are mapped in one pass and unmapped in the next: between 0 and LIVE mappings live
            int slot = (int) (i % LIVE);
            int cpu = rnd.nextInt(CPUS);
            t += 1 + rnd.nextInt(2000);
            b.setLength(0);
            b.append("     kworker/").append(cpu).append(":1-").append(100 + cpu).append("     [");
            if (cpu < 100) b.append('0');
            if (cpu < 10) b.append('0');
            b.append(cpu).append("] ..... ").append(t / 1_000_000_000L).append('.');
            String us = Long.toString(t % 1_000_000_000L / 1000);
            b.append("000000", 0, 6 - us.length()).append(us).append(": ");
            if (liveSize[slot] == 0) {
                long pages = 1L << rnd.nextInt(4);
                if (next < 0x1000_0000L) next = 0x1_0000_0000L; // wrap: the old ranges are long unmapped
                next = (next - (pages << 12)) & ~((pages << 12) - 1);
                liveIova[slot] = next;
                liveSize[slot] = pages << 12;
                b.append(String.format(Locale.ROOT, "map: IOMMU: iova=0x%016x - 0x%016x paddr=0x%016x size=%d",
                        next, next + liveSize[slot], 0x1_0000_0000L + i * 4096, liveSize[slot]));
            } else {
                b.append(String.format(Locale.ROOT, "unmap: IOMMU: iova=0x%016x - 0x%016x size=%d unmapped_size=%d",
                        liveIova[slot], liveIova[slot] + liveSize[slot], liveSize[slot], liveSize[slot]));
                liveSize[slot] = 0;
            }
            out.append(b).append('\n');
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticCapture EVENTS FILE");
            System.exit(2);
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(args[1])), StandardCharsets.US_ASCII), 1 << 16)) {
            write(Long.parseLong(args[0]), w);
        }
    }
}
