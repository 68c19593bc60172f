package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaAllocator;

/**
 * The flush queues' figures in a run's report (lazy invalidation only): IOTLB flushes and why,
 * entries freed per batch, and how long the IOVAs waited in simulated time.
 */
public final class FlushQueueReport {
    private FlushQueueReport() {
    }

    /** The max32 figures, and the flush queues' when {@code allocator} has them (lazy invalidation). */
    static void addTo(RunReport r, IovaAllocator allocator) {
        r.put("max32_fast_fails", allocator.domain().max32FastFails())
                .put("max32_resets", allocator.domain().max32Resets());
        if (allocator.flushQueue() != null) addCounters(r, allocator.stats(), allocator.flushQueue().queued());
    }

    /**
     * The flush queues' counters and what derives from them, from any engine's merged
     * {@link AllocStats} (the actor engine's CPUs count their own queues into the same counters).
     *
     * @param stillQueued IOVAs still in a queue at the end
     */
    public static void addCounters(RunReport r, AllocStats s, long stillQueued) {
        for (Counter c : Counter.in(Counter.Group.FLUSH_QUEUE)) {
            r.put(c.key(), s.get(c));
            // the derived figures follow the counters they derive from
            if (c == Counter.FQ_FREED) r.put("fq_still_queued", stillQueued);
            if (c == Counter.FQ_BATCHES) r.put("fq_batch_mean", s.get(c) == 0 ? 0 : (double) s.get(Counter.FQ_FREED) / s.get(c));
        }
        long freed = s.get(Counter.FQ_FREED);
        r.put("fq_wait_mean_us", freed == 0 ? 0 : s.get(Counter.FQ_WAIT_NANOS) / 1e3 / freed)
                .put("fq_wait_p99_us", waitQuantile(s, 0.99) / 1e3)
                .put("fq_wait_max_us", s.get(Counter.FQ_MAX_WAIT_NANOS) / 1e3);
    }

    /** The top of the power-of-two bucket that holds the {@code q} quantile of the waits (at most twice the true value). */
    static long waitQuantile(AllocStats s, double q) {
        if (s.get(Counter.FQ_FREED) == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * s.get(Counter.FQ_FREED)));
        long seen = 0;
        for (int k = 0; k < s.fqWaitLog2.length; k++) {
            seen += s.fqWaitLog2[k];
            if (seen >= rank) return Math.min(k == 0 ? 0 : (1L << k) - 1, s.get(Counter.FQ_MAX_WAIT_NANOS));
        }
        return s.get(Counter.FQ_MAX_WAIT_NANOS);
    }
}
