package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round trip: a known allocation sequence is run through our reference allocator (standing in
 * for the kernel), its pfns are rendered as capture text in a kernel's event format, and
 * {@code import} then {@code replay --compare-kernel} under the same preset must give back every
 * one of the "kernel's" pfns. The capture is complete (it starts with the domain), so anything
 * less than 100% is a conversion error.
 */
class ImportRoundTripTest {
    private static final int CPUS = 4;
    private static final long LIMIT64 = -1L >>> 12;
    private static final int[] SIZES = {1, 1, 1, 2, 3, 4, 5, 8, 16, 31, 40, 64};

    @TempDir
    Path dir;

    /** One operation of the hand-made sequence. */
    private record Op(boolean map, int cpu, long pages, int ref) {
    }

    private static List<Op> sequence(long seed, int count) {
        Random rnd = new Random(seed);
        List<Op> ops = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        int allocs = 0;
        for (int i = 0; i < count; i++) {
            int cpu = rnd.nextInt(CPUS);
            if (live.isEmpty() || live.size() < 200 && rnd.nextInt(100) < 55) {
                long pages = SIZES[rnd.nextInt(SIZES.length)];
                ops.add(new Op(true, cpu, pages, 0));
                sizes.add(pages);
                live.add(++allocs);
            } else {
                int n = live.remove(rnd.nextInt(live.size()));
                ops.add(new Op(false, cpu, sizes.get(n - 1), n));
            }
        }
        return ops;
    }

    private static String trace(List<Op> ops) {
        StringBuilder b = new StringBuilder("domain cpus=" + CPUS + " granule=4096 start_pfn=1\n");
        b.append("reserve 1043968 1044223\n"); // the x86 MSI window 0xfee00000-0xfeefffff
        for (Op op : ops) {
            if (op.map()) {
                b.append("map ").append(op.cpu()).append(' ').append(op.pages()).append(' ').append(LIMIT64).append('\n');
            } else {
                b.append("free ").append(op.cpu()).append(" @").append(op.ref()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The capture the kernel would have written: one map event per allocation, or (every third
     * allocation of two pages or more) a first 1-page piece and then the rest, as iommu_map_sg
     * does for a scatter-gather list; one unmap per free. Operations are 2 ms apart, pieces of one
     * list 1 us apart.
     */
    private static String capture(List<Op> ops, List<Long> pfns, boolean v6) {
        StringBuilder b = new StringBuilder();
        if (v6) {
            b.append("# tracer: nop\n#\n# entries-in-buffer/entries-written: 1/1   #P:").append(CPUS).append("\n#\n");
        } else {
            b.append("cpus=").append(CPUS).append('\n');
        }
        long[] pfnOf = new long[pfns.size() + 1];
        int allocs = 0;
        long t = 1_000_000_000L;
        for (Op op : ops) {
            t += 2_000_000L;
            if (op.map()) {
                long pfn = pfns.get(allocs++);
                pfnOf[allocs] = pfn;
                long iova = pfn << 12;
                long bytes = op.pages() << 12;
                if (op.pages() >= 2 && allocs % 3 == 0) {
                    b.append(mapLine(op.cpu(), t, iova, 4096, v6));
                    b.append(mapLine(op.cpu(), t + 1000, iova + 4096, bytes - 4096, v6));
                } else {
                    b.append(mapLine(op.cpu(), t, iova, bytes, v6));
                }
            } else {
                long iova = pfnOf[op.ref()] << 12;
                long bytes = op.pages() << 12;
                b.append(prefix(op.cpu(), t, v6)).append(v6
                        ? String.format(Locale.ROOT, "unmap: IOMMU: iova=0x%016x - 0x%016x size=%d unmapped_size=%d%n", iova, iova + bytes, bytes, bytes)
                        : String.format(Locale.ROOT, "unmap:                IOMMU: iova=0x%016x size=%d unmapped_size=%d%n", iova, bytes, bytes));
            }
        }
        return b.toString();
    }

    private static String mapLine(int cpu, long t, long iova, long bytes, boolean v6) {
        long paddr = 0x1_0000_0000L + iova * 3; // any physical address: import ignores it
        return prefix(cpu, t, v6) + (v6
                ? String.format(Locale.ROOT, "map: IOMMU: iova=0x%016x - 0x%016x paddr=0x%016x size=%d%n", iova, iova + bytes, paddr, bytes)
                : String.format(Locale.ROOT, "map:                  IOMMU: iova=0x%016x paddr=0x%016x size=%d%n", iova, paddr, bytes));
    }

    /** The task, CPU, flags (trace file only) and timestamp columns. */
    private static String prefix(int cpu, long t, boolean v6) {
        String ts = String.format(Locale.ROOT, "%d.%06d", t / 1_000_000_000L, t % 1_000_000_000L / 1000);
        return String.format(Locale.ROOT, v6 ? "     kworker/%d:1-4%d     [%03d] ..... %12s: " : "     kworker/%d:1-4%d   [%03d] %12s: ",
                cpu, cpu, cpu, ts);
    }

    @ParameterizedTest(name = "{0} format, {1}, magazine {2}")
    @CsvSource({"v6, linux-6.7, 0", "v6, linux-6.1, 2", "v5.4, linux-6.1, 0", "v5.4, linux-4.15, 0"})
    void importAndReplayGiveTheKernelsPfns(String format, String policy, int magazine) throws Exception {
        List<Op> ops = sequence(17, 3000);
        Path hand = dir.resolve("hand.trace");
        Files.writeString(hand, trace(ops));
        List<String> policyArgs = magazine > 0 ? List.of("--policy", policy, "--magazine-size", "" + magazine) : List.of("--policy", policy);

        List<String> replayArgs = new ArrayList<>(List.of("replay", hand.toString()));
        replayArgs.addAll(policyArgs);
        CliRun kernel = CliRun.of(replayArgs.toArray(String[]::new));
        assertEquals(0, kernel.status(), kernel.err());
        List<Long> pfns = kernel.outLines().stream().filter(l -> !l.startsWith("#")).map(Long::parseLong).toList();
        assertTrue(pfns.stream().noneMatch(p -> p == 0), "the hand-made sequence never fails");

        Path capture = dir.resolve("capture.txt");
        Files.writeString(capture, capture(ops, pfns, format.equals("v6")));
        Path reserved = dir.resolve("reserved_regions");
        Files.writeString(reserved, "0x00000000fee00000 0x00000000feefffff msi\n");
        Path imported = dir.resolve("imported.trace");
        CliRun imp = CliRun.of("import", capture.toString(), "--reserved", reserved.toString(), "-o", imported.toString());
        assertEquals(0, imp.status(), imp.err());
        assertTrue(imp.err().contains("0 unmaps without a map"), imp.err());
        assertTrue(imp.err().contains("0 events not from the DMA API, 0 unmaps of another size, 0 malformed lines"), imp.err());

        List<String> again = new ArrayList<>(List.of("replay", imported.toString(), "--compare-kernel"));
        again.addAll(policyArgs);
        CliRun replay = CliRun.of(again.toArray(String[]::new));
        assertEquals(0, replay.status(), replay.err());
        String all = pfns.size() + " of " + pfns.size() + " allocations got the kernel's pfn (100.0%)";
        assertTrue(replay.err().contains("compare-kernel: " + all), replay.err());
        assertEquals(kernel.outLines().get(pfns.size()), replay.outLines().get(pfns.size()), "same summary line");
    }
}
