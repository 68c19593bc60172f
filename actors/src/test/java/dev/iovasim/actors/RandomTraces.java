package dev.iovasim.actors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random traces that stress what the engines could disagree on: a small hole under 4 GiB
 * (failures, flushes, SAC fallbacks), magazine and depot overflow, frees on other CPUs, unplugs.
 */
final class RandomTraces {
    private static final long DMA32 = 1L << 20;

    private RandomTraces() {
    }

    static byte[] trace(long seed, int ops) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cpus = 1 + rnd.nextInt(6);
        StringBuilder t = new StringBuilder("domain cpus=" + cpus + " granule=4096 start_pfn=1\n");
        long hole = 256L << rnd.nextInt(5);
        t.append("reserve 1 ").append(DMA32 - 1 - hole).append('\n');
        List<Integer> live = new ArrayList<>();
        int allocs = 0;
        for (int i = 0; i < ops; i++) {
            int pick = rnd.nextInt(100);
            int cpu = rnd.nextInt(cpus);
            if (pick < 45 || live.isEmpty()) {
                long size = size(rnd);
                String line = switch (rnd.nextInt(4)) {
                    case 0 -> "map " + cpu + " " + size + " " + ((1L << 36) - 1);
                    case 1 -> "alloc " + cpu + " " + size + " " + (DMA32 - 1) + " noflush";
                    default -> "alloc " + cpu + " " + size + " " + (DMA32 - 1);
                };
                t.append(line).append('\n');
                live.add(++allocs);
            } else if (pick < 97) {
                int k = rnd.nextInt(live.size());
                int n = live.get(k);
                live.set(k, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                t.append("free ").append(cpu).append(" @").append(n).append('\n');
            } else if (pick < 99) {
                t.append("cpudead ").append(cpu).append('\n');
            } else {
                long lo = DMA32 + rnd.nextInt(1 << 16);
                t.append("reserve ").append(lo).append(' ').append(lo + rnd.nextInt(64)).append('\n');
            }
        }
        return t.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long size(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        if (r < 55) return 1;
        if (r < 75) return 2 + rnd.nextInt(3);
        if (r < 95) return 5 + rnd.nextInt(28);
        return 33 + rnd.nextInt(40);
    }
}
