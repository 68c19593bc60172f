package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded stream of random operations (alloc, alloc noflush, map, free, cpudead, reserve, and
 * clock ticks for the 6.7 trim) over a small space, applied to an allocator while the caller's
 * holdings are tracked, so that properties can be checked after every step.
 */
final class RandomOps {
    static final int CPUS = 3;
    static final int MAGAZINE = 4;

    /** Where the ranges live: a start_pfn and the limits requests use. */
    record Space(String name, long startPfn, long[] limits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Space NEAR_4GIB = new Space("512 pages under 4 GiB and 256 above", D - 512, new long[] {SAC, D + 255});
    static final Space LOW_AND_HIGH = new Space("low, 32-bit and 40-bit limits", 1, new long[] {255, 1023, SAC, (1L << 40) - 1});
    static final Space NEAR_START = new Space("tiny, near start_pfn", 5, new long[] {40, 100, 300});
    static final Space[] SPACES = {NEAR_4GIB, LOW_AND_HIGH, NEAR_START};

    /** One operation, drawn before it is applied so that two allocators get the same one. */
    static final class Op {
        static final int ALLOC = 0;
        static final int ALLOC_NOFLUSH = 1;
        static final int MAP = 2;
        static final int FREE = 3;
        static final int CPUDEAD = 4;
        static final int RESERVE = 5;
        static final int TICK = 6;

        int kind;
        int cpu;
        long size;
        long limit;
        /** FREE: which held range, as a fraction drawn once. */
        double pick;
        long lo;
        long hi;
        long nanos;

        boolean allocates() {
            return kind <= MAP;
        }
    }

    private final Random rnd;
    private final Space space;
    private final Op op = new Op();

    RandomOps(long seed, Space space) {
        this.rnd = new Random(seed);
        this.space = space;
    }

    Op next() {
        int r = rnd.nextInt(100);
        op.cpu = rnd.nextInt(CPUS);
        op.kind = r < 30 ? Op.ALLOC : r < 40 ? Op.ALLOC_NOFLUSH : r < 55 ? Op.MAP : r < 93 ? Op.FREE
                : r < 95 ? Op.CPUDEAD : r < 97 ? Op.RESERVE : Op.TICK;
        int s = rnd.nextInt(100);
        op.size = s < 70 ? 1 + rnd.nextInt(32) : s < 90 ? 33 + rnd.nextInt(32) : 65 + rnd.nextInt(236);
        op.limit = space.limits()[rnd.nextInt(space.limits().length)];
        op.pick = rnd.nextDouble();
        long top = space.limits()[space.limits().length - 1];
        long span = Math.min(top - space.startPfn() + 1, 1 << 20);
        op.lo = space.startPfn() + (long) (rnd.nextDouble() * span);
        op.hi = op.lo + rnd.nextInt(16);
        op.nanos = rnd.nextInt(300) * 1_000_000L;
        return op;
    }

    /** An allocator and what its caller holds. */
    static final class Driver implements Conservation.Holdings {
        final IovaAllocator allocator;
        private long[] pfns = new long[64];
        private long[] sizes = new long[64];
        private int held;
        private long now;

        Driver(Policy policy, Space space, boolean gapSearch) {
            allocator = new IovaAllocator(policy.withMagazineSize(MAGAZINE),
                    new DomainConfig(CPUS, 4096, space.startPfn()), gapSearch);
        }

        /** Applies {@code op}; returns the pfn for an allocating op, else -1. */
        long apply(Op op) {
            IovaAllocator a = allocator;
            switch (op.kind) {
                case Op.ALLOC, Op.ALLOC_NOFLUSH, Op.MAP -> {
                    long pfn = op.kind == Op.MAP ? a.map(op.cpu, op.size, op.limit)
                            : a.alloc(op.cpu, op.size, op.limit, op.kind == Op.ALLOC);
                    if (pfn != 0) hold(pfn, op.size);
                    return pfn;
                }
                case Op.FREE -> {
                    if (held > 0) {
                        int i = (int) (op.pick * held);
                        a.free(op.cpu, pfns[i], sizes[i]);
                        pfns[i] = pfns[--held];
                        sizes[i] = sizes[held];
                    }
                }
                case Op.CPUDEAD -> a.cpuDead(op.cpu);
                case Op.RESERVE -> a.reserve(op.lo, op.hi);
                case Op.TICK -> {
                    now += op.nanos;
                    a.advanceClock(now);
                }
                default -> throw new AssertionError(op.kind);
            }
            return -1;
        }

        private void hold(long pfn, long size) {
            if (held == pfns.length) {
                pfns = Arrays.copyOf(pfns, held * 2);
                sizes = Arrays.copyOf(sizes, held * 2);
            }
            pfns[held] = pfn;
            sizes[held++] = size;
        }

        @Override
        public void forEachHeld(PfnSink sink) {
            for (int i = 0; i < held; i++) sink.accept(pfns[i]);
        }
    }

    /** Every public counter of {@code s}, for comparing two runs. */
    static String statsText(AllocStats s) {
        StringBuilder sb = new StringBuilder();
        try {
            for (Field f : AllocStats.class.getFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
                Object v = f.get(s);
                sb.append(f.getName()).append('=').append(v instanceof long[] arr ? Arrays.toString(arr) : v).append(' ');
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }
}
