package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.FlushRecord;
import java.util.function.Consumer;

/**
 * Sums the flush records of a run beyond what the allocator counts: flushes that returned
 * nothing under the failing request's limit, retries that failed anyway and the pfns those
 * flushes returned (flushed for nothing), the largest flush.
 */
public final class FlushTally implements Consumer<FlushRecord> {
    private long nothingUseful;
    private long retryFailed;
    private long maxPfns;
    private long sac;
    private long pfnsForNothing;

    private final long sacLimit;

    /** @param sacLimit the 32-bit limit (dma_32bit_pfn - 1), to count flushes made for a 32-bit request */
    public FlushTally(long sacLimit) {
        this.sacLimit = sacLimit;
    }

    @Override
    public void accept(FlushRecord r) {
        if (r.useful() == 0) nothingUseful++;
        if (!r.retrySucceeded()) {
            retryFailed++;
            pfnsForNothing += r.pfns();
        }
        if (Long.compareUnsigned(r.limit(), sacLimit) <= 0) sac++;
        maxPfns = Math.max(maxPfns, r.pfns());
    }

    public void addTo(RunReport r) {
        r.put("flushes_nothing_useful", nothingUseful)
                .put("flushes_retry_failed", retryFailed)
                .put("flushes_for_32bit_requests", sac)
                .put("flush_pfns_max", maxPfns)
                .put("flushed_pfns_for_nothing", pfnsForNothing);
    }
}
