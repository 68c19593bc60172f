package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaAllocator;

/**
 * The flush queues' figures in a run's report (lazy invalidation only): IOTLB flushes and why,
 * entries freed per batch, and how long the IOVAs waited in simulated time.
 */
final class FlushQueueReport {
    private FlushQueueReport() {
    }

    static void addTo(RunReport r, IovaAllocator allocator) {
        AllocStats s = allocator.stats();
        r.put("max32_fast_fails", allocator.domain().max32FastFails())
                .put("max32_resets", allocator.domain().max32Resets());
        if (allocator.flushQueue() == null) return;
        r.put("fq_queued", s.get(Counter.FQ_QUEUED))
                .put("fq_flushes", s.get(Counter.FQ_FLUSHES))
                .put("fq_full_flushes", s.get(Counter.FQ_FULL_FLUSHES))
                .put("fq_timer_flushes", s.get(Counter.FQ_TIMER_FLUSHES))
                .put("fq_freed", s.get(Counter.FQ_FREED))
                .put("fq_still_queued", allocator.flushQueue().queued())
                .put("fq_batches", s.get(Counter.FQ_BATCHES))
                .put("fq_batch_mean", s.get(Counter.FQ_BATCHES) == 0 ? 0 : (double) s.get(Counter.FQ_FREED) / s.get(Counter.FQ_BATCHES))
                .put("fq_batch_max", s.get(Counter.FQ_MAX_BATCH))
                .put("fq_wait_mean_us", s.get(Counter.FQ_FREED) == 0 ? 0 : s.get(Counter.FQ_WAIT_NANOS) / 1e3 / s.get(Counter.FQ_FREED))
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
