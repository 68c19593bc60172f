package dev.iovasim.allocator.mapbench;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.cost.FlushQueueCost;
import dev.iovasim.allocator.cost.OpCost;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.engine.WorkUnits;
import dev.iovasim.allocator.FlushQueue;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import java.util.function.LongConsumer;
import java.util.SplittableRandom;

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
 *
 * <p>Under lazy invalidation (the policy's mode) an unmap queues its IOVA (queue_iova) instead of
 * invalidating, and the threads' clocks drive the allocator's simulated clock: the flush-queue
 * timer fires at its due time, before any operation that starts at or after it, on the CPU that
 * armed it; its flush and frees take that CPU's time, added to the operation it interrupted (if it
 * fell inside one, else to the delay) and pushing that thread's next operation back. The
 * 6.7+ depot trim runs on the same clock; its work is a workqueue's and is not priced.
 */
public final class MapBenchmark {
    /** A thread's map found no IOVA (also under --wall): the kernel's benchmark thread stops with -ENOMEM and the ioctl fails. */
    public static final class MapFailed extends RuntimeException {
        public MapFailed(String message) {
            super(message);
        }
    }

    static final int MAP = 0;
    static final int UNMAP = 1;
    /** The threads wake one after another within this many ns (kthread creation and wake-up). */
    static final long START_SPREAD_NS = 1000;

    private MapBenchmark() {
    }

    /** Every 2^16 operations {@code progress} hears the simulated time reached, in ns. */
    static final int PROGRESS_EVERY = 1 << 16;

    /**
     * The run for {@code durationNs} of simulated time (the spec's seconds as the kernel's run, or the
     * sweep's shorter windows), telling {@code progress} the simulated time reached now and then.
     */
    public static MapBenchResult run(Policy policy, MapBenchSpec spec, long durationNs, CostModel model, boolean gapSearch,
                                     LongConsumer progress) {
        if (durationNs < 1) throw new IllegalArgumentException("duration must be at least 1 ns, got " + durationNs);
        DomainConfig config = new DomainConfig(spec.threads(), MapBenchSpec.PAGE_SIZE, 1);
        IovaAllocator a = new IovaAllocator(policy, config, gapSearch);
        OpCost cost = new OpCost(model);
        FlushQueue fq = a.flushQueue();
        FlushQueueCost fqCost = fq == null ? null : new FlushQueueCost(cost, fq.rings());
        AllocStats s = a.stats();
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
        Latencies latencies = new Latencies(n, map, unmap);
        while (!queue.isEmpty()) {
            int t = queue.poll();
            long now = clock[t];
            if ((++events & (PROGRESS_EVERY - 1)) == 0) progress.accept(now);
            // fq_flush_timeout runs before anything that starts at or after its due time
            while (fq != null && fq.timer().timerDue() <= now) fireTimer(a, fq, fqCost, pages, latencies);
            a.advanceClock(now);
            long stolen = latencies.takeStolen(t);
            if (stolen > 0) {
                // the timer ran on this CPU while its thread was busy: the thread goes on that much later
                clock[t] = now + stolen;
                queue.add(t);
                continue;
            }
            latencies.commit(t);
            WorkUnits before = WorkUnits.of(a);
            if (phase[t] == MAP) {
                if (now >= end) continue;
                long p = a.map(t, pages, limit);
                if (p == 0) throw failed(t, now, spec);
                long ns = cost.map(t, now, pages, before, WorkUnits.of(a), a.lastOutcome());
                latencies.record(t, MAP, now + ns, ns);
                pfn[t] = p;
                clock[t] = now + ns + spec.delayNs();
                phase[t] = UNMAP;
            } else {
                // what the unmap's queue_iova freed and flushed (nothing under strict invalidation)
                long freed = s.get(Counter.FQ_FREED);
                long flushes = s.get(Counter.FQ_FLUSHES);
                a.unmap(t, pfn[t], pages);
                long ns = fq == null ? cost.unmap(t, now, pages, before, WorkUnits.of(a))
                        : fqCost.unmap(t, now, pages, before, WorkUnits.of(a), s.get(Counter.FQ_FREED) - freed, s.get(Counter.FQ_FLUSHES) - flushes);
                latencies.record(t, UNMAP, now + ns, ns);
                pfn[t] = 0;
                clock[t] = now + ns;
                phase[t] = MAP;
            }
            queue.add(t);
        }
        latencies.commitAll();
        // every thread ended after an unmap: nothing is held, and every pfn must be in the tree, a magazine or a flush queue once
        Conservation.Result c = Conservation.check(a, sink -> { });
        if (!c.ok()) throw new ConservationFailure("dma-map-benchmark: conservation check failed: " + c.problem());
        return new MapBenchResult(spec, policy.name(), policy.invalidation(), map, unmap, s, cost.treeLock(),
                cost.invalidationQueue());
    }

    /**
     * The flush-queue timer at its due time, on the CPU that armed it (its flush and frees go
     * through the allocator's clock); its cost is time taken from that CPU's thread.
     */
    private static void fireTimer(IovaAllocator a, FlushQueue fq, FlushQueueCost fqCost, long pages, Latencies latencies) {
        long due = fq.timer().timerDue();
        int cpu = fq.timer().timerCpu();
        WorkUnits before = WorkUnits.of(a);
        long freed = a.stats().get(Counter.FQ_FREED);
        a.advanceClock(due);
        long ns = fqCost.timer(cpu, due, pages, before, WorkUnits.of(a), a.stats().get(Counter.FQ_FREED) - freed);
        latencies.interrupt(cpu, due, ns);
    }

    private static MapFailed failed(int thread, long now, MapBenchSpec spec) {
        return new MapFailed(String.format(java.util.Locale.ROOT,
                "dma_map_single failed: thread %d found no IOVA of %d pages below the %d-bit mask at simulated %.6f s"
                        + " (the other threads hold or cache the rest of the space); the kernel's benchmark stops here"
                        + " (ioctl: Cannot allocate memory)", thread, spec.granule(), spec.bits(), now / 1e9));
    }
}
