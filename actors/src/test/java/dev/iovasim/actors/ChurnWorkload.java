package dev.iovasim.actors;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.WorkOp;
import dev.iovasim.allocator.workload.Workload;
import java.util.SplittableRandom;

/**
 * A simple seeded map/unmap churn: mostly single pages, some larger, a 64-bit device (so every
 * map tries under 4 GiB first), a share of mappings freed by another CPU. With {@code holePages}
 * above 0, setup reserves all of the 32-bit space but a hole of that size, so CPUs fail and flush.
 * A fixture of the actor tests and {@code ChurnBench}; the CLI's loads are the catalogue's.
 */
public final class ChurnWorkload implements Workload {
    private static final long DMA_LIMIT = (1L << 36) - 1;
    private static final int MAX_HELD = 48;

    private final int remotePercent;
    private final long holePages;

    public ChurnWorkload(int remotePercent, long holePages) {
        if (remotePercent < 0 || remotePercent > 100) throw new IllegalArgumentException("remote share must be 0..100");
        this.remotePercent = remotePercent;
        this.holePages = holePages;
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public DomainConfig domain(int cpus) {
        return new DomainConfig(cpus, 4096, 1);
    }

    @Override
    public void setup(SetupTarget target, int cpus, long seed) {
        long dma32 = domain(cpus).dma32Pfn();
        if (holePages > 0) target.reserve(1, dma32 - 1 - holePages);
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new Cpu(cpu, cpus, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + cpu), ops);
    }

    private final class Cpu implements CpuWorkload {
        private final int cpu;
        private final int cpus;
        private final SplittableRandom rnd;
        private long remaining;
        private long[] pfns = new long[MAX_HELD * 2];
        private long[] sizes = new long[MAX_HELD * 2];
        private int head;
        private int count;

        Cpu(int cpu, int cpus, SplittableRandom rnd, long ops) {
            this.cpu = cpu;
            this.cpus = cpus;
            this.rnd = rnd;
            this.remaining = ops;
        }

        @Override
        public int cpu() {
            return cpu;
        }

        @Override
        public boolean next(WorkOp op) {
            if (remaining == 0) return false;
            remaining--;
            if (count > 0 && (count >= MAX_HELD || rnd.nextBoolean())) {
                int i = head;
                head = (head + 1) % pfns.length;
                count--;
                op.free(pfns[i], sizes[i]);
                return true;
            }
            int to = rnd.nextInt(100) < remotePercent ? rnd.nextInt(cpus) : cpu;
            op.map(size(), DMA_LIMIT, to);
            return true;
        }

        private long size() {
            int r = rnd.nextInt(100);
            if (r < 70) return 1;
            if (r < 85) return 2;
            if (r < 95) return 4 + rnd.nextInt(13);
            return 17 + rnd.nextInt(16);
        }

        @Override
        public void adopt(long pfn, long size) {
            if (count == pfns.length) grow();
            int i = (head + count) % pfns.length;
            pfns[i] = pfn;
            sizes[i] = size;
            count++;
        }

        private void grow() {
            long[] p = new long[pfns.length * 2];
            long[] s = new long[pfns.length * 2];
            for (int k = 0; k < count; k++) {
                p[k] = pfns[(head + k) % pfns.length];
                s[k] = sizes[(head + k) % pfns.length];
            }
            pfns = p;
            sizes = s;
            head = 0;
        }

        @Override
        public void forEachHeld(HeldSink sink) {
            for (int k = 0; k < count; k++) sink.held(pfns[(head + k) % pfns.length], sizes[(head + k) % pfns.length]);
        }
    }

    @Override
    public String toString() {
        return "churn(remote=" + remotePercent + "%, hole=" + holePages + ")";
    }
}
