package dev.iovasim.allocator.mapbench;

import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.cost.OpCost;
import dev.iovasim.allocator.engine.WorkUnits;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * {@code map_benchmark_thread} of kernel/dma/map_benchmark.c on the simulated allocator: thread
 * {@code i} is simulated CPU {@code i}; each maps a buffer of {@code granule} pages, waits the
 * transmit delay, unmaps it, and loops until its clock passes the run's seconds (the kernel's
 * {@code kthread_should_stop}, checked before each loop: a loop under way finishes and counts).
 *
 * <p>Each thread has its own simulated clock, advanced by each operation's latency as the
 * {@link OpCost} prices it, plus the delay. Operations are applied to the one allocator in the
 * order of their start times (ties: lower thread first), so a thread that needs a shared lock
 * another thread holds waits for it, on the clock. Deterministic: the only choice is the threads'
 * start offsets, drawn from the seed.
 */
public final class MapBenchmark {
    /** The thread's map found no IOVA: the kernel's benchmark thread stops with -ENOMEM and the ioctl fails. */
    public static final class MapFailed extends RuntimeException {
        MapFailed(String message) {
            super(message);
        }
    }

    private static final int MAP = 0;
    private static final int UNMAP = 1;
    /** The threads wake one after another within this many ns (kthread creation and wake-up). */
    static final long START_SPREAD_NS = 1000;

    private MapBenchmark() {
    }

    /** Every 2^16 operations {@code progress} hears the simulated time reached, in ns. */
    static final int PROGRESS_EVERY = 1 << 16;

    /** The run as the kernel's: for the spec's seconds. */
    public static MapBenchResult run(Policy policy, MapBenchSpec spec, CostModel model, boolean gapSearch) {
        return run(policy, spec, spec.nanos(), model, gapSearch, now -> { });
    }

    /**
     * The run for {@code durationNs} of simulated time instead of the spec's seconds (the sweep's
     * shorter windows), telling {@code progress} the simulated time reached now and then.
     */
    public static MapBenchResult run(Policy policy, MapBenchSpec spec, long durationNs, CostModel model, boolean gapSearch,
                                     LongConsumer progress) {
        if (durationNs < 1) throw new IllegalArgumentException("duration must be at least 1 ns, got " + durationNs);
        DomainConfig config = new DomainConfig(spec.threads(), MapBenchSpec.PAGE_SIZE, 1);
        IovaAllocator a = new IovaAllocator(policy, config, gapSearch);
        OpCost cost = new OpCost(model);
        int n = spec.threads();
        long pages = spec.granule();
        long limit = spec.limitPfn();
        long end = durationNs;
        long events = 0;
        long[] clock = new long[n];
        int[] phase = new int[n];
        long[] pfn = new long[n];
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int i = 0; i < n; i++) clock[i] = random.nextLong(START_SPREAD_NS);
        ThreadQueue queue = new ThreadQueue(clock);
        for (int i = 0; i < n; i++) queue.add(i);
        LatencySums map = new LatencySums();
        LatencySums unmap = new LatencySums();
        while (!queue.isEmpty()) {
            int t = queue.poll();
            long now = clock[t];
            if ((++events & (PROGRESS_EVERY - 1)) == 0) progress.accept(now);
            WorkUnits before = WorkUnits.of(a);
            if (phase[t] == MAP) {
                if (now >= end) continue;
                long p = a.map(t, pages, limit);
                if (p == 0) throw failed(t, now, spec);
                long ns = cost.map(t, now, pages, before, WorkUnits.of(a), a.lastOutcome());
                map.add(ns);
                pfn[t] = p;
                clock[t] = now + ns + spec.delayNs();
                phase[t] = UNMAP;
            } else {
                a.free(t, pfn[t], pages);
                long ns = cost.unmap(t, now, pages, before, WorkUnits.of(a), spec.strict());
                unmap.add(ns);
                pfn[t] = 0;
                clock[t] = now + ns;
                phase[t] = MAP;
            }
            queue.add(t);
        }
        // every thread ended after an unmap: nothing is held, and every pfn must be in the tree or a magazine once
        Conservation.Result c = Conservation.check(a, sink -> { });
        if (!c.ok()) throw new ConservationFailure("dma-map-benchmark: conservation check failed: " + c.problem());
        return new MapBenchResult(spec, policy.name(), map, unmap, a.stats(), cost.treeLock(), cost.invalidationQueue());
    }

    private static MapFailed failed(int thread, long now, MapBenchSpec spec) {
        return new MapFailed(String.format(java.util.Locale.ROOT,
                "dma_map_single failed: thread %d found no IOVA of %d pages below the %d-bit mask at simulated %.6f s"
                        + " (the other threads hold or cache the rest of the space); the kernel's benchmark stops here"
                        + " (ioctl: Cannot allocate memory)", thread, spec.granule(), spec.bits(), now / 1e9));
    }
}
