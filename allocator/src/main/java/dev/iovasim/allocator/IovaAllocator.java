package dev.iovasim.allocator;

import java.util.function.Consumer;

/**
 * alloc_iova_fast / free_iova_fast over one domain, all CPUs in the caller's thread: the rcache
 * in front of the tree, the flush on failure, CPU unplug, and the 6.7+ depot trim on a virtual
 * clock. This is the reference engine's allocator and the behaviour the actor engine must equal.
 */
public final class IovaAllocator {
    private final Policy policy;
    private final DomainConfig config;
    private final IovaDomain domain;
    /** Each CPU's rcache with its decisions; this class takes the steps that reach the depot and the tree. */
    private final RcacheLadder[] cpus;
    private final Depot[] depots;
    private final FlushAccount flush;
    private final AllocStats stats;
    private final DmaLayer dma;
    private final DepotTrim trim = new DepotTrim();
    private final DepotTrim.Sink freeTrimmed = this::freeTrimmed;
    /** The CPUs {@link #cpuDead} took offline, each until an operation uses it again. */
    private final OnlineCpus online;
    /** The flush queues of lazy invalidation; null under strict invalidation. */
    private FlushQueue fq;
    private long nowNanos;
    private Consumer<FlushRecord> flushListener = r -> { };
    private TreeVisits visits;
    private int lastOutcome = Outcome.FAILED;
    private int attemptOutcome;

    public IovaAllocator(Policy policy, DomainConfig config, boolean gapSearch) {
        this.policy = policy;
        this.config = config;
        this.domain = new IovaDomain(policy.search(), gapSearch, config.granule(), config.startPfn());
        // one rcache (CPU magazines and depot) per cached class: the policy's rcache-classes
        this.depots = new Depot[policy.rcacheClasses()];
        this.stats = new AllocStats(policy.rcacheClasses());
        this.cpus = new RcacheLadder[config.cpus()];
        this.online = new OnlineCpus(config.cpus());
        for (int c = 0; c < cpus.length; c++) cpus[c] = new RcacheLadder(policy, stats);
        for (int c = 0; c < depots.length; c++) depots[c] = Depot.forPolicy(policy);
        this.flush = new FlushAccount(domain);
        this.dma = new DmaLayer(policy, config.dma32Pfn(), stats);
        invalidation(policy.invalidation());
    }

    public Policy policy() {
        return policy;
    }

    public DomainConfig config() {
        return config;
    }

    public IovaDomain domain() {
        return domain;
    }

    public CpuCaches caches(int cpu) {
        return cpus[cpu].caches();
    }

    public Depot depot(int sizeClass) {
        return depots[sizeClass];
    }

    public AllocStats stats() {
        return stats;
    }

    /**
     * Sets how {@link #unmap} treats an IOVA, before the first operation: the policy's mode unless
     * a trace's header names another.
     */
    public void invalidation(Invalidation mode) {
        if (stats.get(Counter.FREES) + stats.get(Counter.FQ_QUEUED) > 0) throw new IllegalStateException("invalidation mode changed after the first free");
        fq = mode.lazy() ? new FlushQueue(mode, cpus.length, stats, this::release) : null;
    }

    /** The flush queues, or null under strict invalidation. */
    public FlushQueue flushQueue() {
        return fq;
    }

    /** Where the last {@link #alloc} or {@link #map} was served from ({@link Outcome}). */
    public int lastOutcome() {
        return lastOutcome;
    }

    /** Starts (or, with null, stops) telling {@code v} the tree nodes each operation visits. */
    public void setTreeVisits(TreeVisits v) {
        visits = v;
        domain.countFreeDescents(v != null);
    }

    /** Tells {@code listener} about every flush as it completes (null: nobody). */
    public void setFlushListener(Consumer<FlushRecord> listener) {
        flushListener = listener == null ? r -> { } : listener;
    }

    // ---------------------------------------------------------------- operations

    /** alloc_iova_fast(size, limit, flush) on {@code cpu}; 0 on failure. */
    public long alloc(int cpu, long size, long limit, boolean mayFlush) {
        long v0 = domain.nodesVisited();
        long pfn = attempt(cpu, size, limit, mayFlush);
        record(size, pfn, attemptOutcome, v0);
        return pfn;
    }

    /** {@link #map(int, long, long, int)} for the default device. */
    public long map(int cpu, long size, long limit) {
        return map(cpu, size, limit, DmaLayer.DEFAULT_DEVICE);
    }

    /**
     * iommu_dma_alloc_iova for {@code device}: when {@link DmaLayer} says so, a 32-bit (SAC)
     * attempt without flush first; a failed one is reported to the DMA layer (which may switch
     * the device to full-width addresses for good) before the full limit is tried with flush.
     */
    public long map(int cpu, long size, long limit, int device) {
        long v0 = domain.nodesVisited();
        long sac = dma.sacAttempt(device, limit);
        if (sac != 0) {
            long pfn = attempt(cpu, size, sac, false);
            if (pfn != 0) {
                record(size, pfn, attemptOutcome, v0);
                return pfn;
            }
            dma.sacFailed(device);
        }
        long pfn = attempt(cpu, size, limit, true);
        record(size, pfn, attemptOutcome, v0);
        return pfn;
    }

    private void record(long size, long pfn, int outcome, long visitedBefore) {
        lastOutcome = stats.countAlloc(size, pfn, outcome);
        if (visits != null) visits.alloc(domain.nodesVisited() - visitedBefore);
    }

    private long attempt(int cpu, long size, long limit, boolean mayFlush) {
        online.used(cpu);
        RcacheLadder rc = cpus[cpu];
        run(rc, rc.alloc(size, limit, mayFlush));
        attemptOutcome = rc.outcome();
        return rc.pfn();
    }

    /** Takes {@code rc}'s steps that reach beyond its CPU, inline, until the operation is done. */
    private void run(RcacheLadder rc, RcacheLadder.Step step) {
        while (step != RcacheLadder.Step.DONE) {
            step = switch (step) {
                case DEPOT_GET -> rc.resumeDepotGet(depots[rc.sizeClass()].pop());
                case TREE_ALLOC -> rc.resumeTree(treeAlloc(rc.rounded(), rc.limit(), rc.flushOnFailure()));
                case DEPOT_PUT -> rc.resumeDepotPut(depotPut(rc.sizeClass(), rc.outgoing()));
                case TREE_FREE -> {
                    domain.free(rc.pfn());
                    yield rc.treeFreed();
                }
                case TREE_FREE_MAGAZINE -> {
                    Magazine refused = rc.outgoing();
                    for (int i = 0; i < refused.size(); i++) domain.freeCached(refused.get(i));
                    yield rc.treeFreed();
                }
                case DONE -> throw new AssertionError("the loop ends on DONE");
            };
        }
    }

    /** alloc_iova, and when it fails and the ladder allows it, the flush of every cache and one retry. */
    private long treeAlloc(long rounded, long limit, boolean flushOnFailure) {
        long pfn = domain.alloc(rounded, limit);
        if (pfn == 0 && flushOnFailure) {
            flushAll(limit);
            pfn = domain.alloc(rounded, limit);
            stats.add(Counter.FLUSH_RETRY_SUCCEEDED, pfn != 0 ? 1 : 0);
            flushListener.accept(flush.finish(pfn != 0));
        }
        return pfn;
    }

    private boolean depotPut(int sizeClass, Magazine full) {
        if (!depots[sizeClass].push(full)) return false;
        if (policy.depotTrim()) trim.pushed(sizeClass);
        return true;
    }

    /**
     * The DMA layer's unmap on {@code cpu} (iommu_dma_free_iova): strict invalidation frees at
     * once; lazy invalidation queues the IOVA (queue_iova) at the clock's current time.
     */
    public void unmap(int cpu, long pfn, long size) {
        online.used(cpu);
        if (fq == null) free(cpu, pfn, size);
        else fq.queue(cpu, pfn, size, nowNanos);
    }

    /** free_iova_fast on {@code cpu}; {@code size} is the caller's unrounded size. */
    public void free(int cpu, long pfn, long size) {
        online.used(cpu);
        release(cpu, pfn, size);
    }

    /** free_iova_fast on {@code cpu}, as the flush queues call it: no operation of that CPU's. */
    private void release(int cpu, long pfn, long size) {
        if (visits == null) {
            freeFast(cpu, pfn, size);
            return;
        }
        long v0 = domain.freeNodesVisited();
        freeFast(cpu, pfn, size);
        visits.free(domain.freeNodesVisited() - v0);
    }

    private void freeFast(int cpu, long pfn, long size) {
        RcacheLadder rc = cpus[cpu];
        run(rc, rc.free(pfn, size));
    }

    private void flushAll(long limit) {
        stats.inc(Counter.FLUSHES);
        flush.begin(limit);
        for (int c = 0; c < cpus.length; c++) {
            // for_each_online_cpu: an offline CPU is not visited (cpudead emptied its caches; drained anyway)
            if (online.online(c)) flush.visitedCpu();
            cpus[c].caches().drainTo(flush);
        }
        if (policy.flushDrainsDepot()) {
            // free_global_cached_iovas: every depot magazine of every class, in the depot's drain order
            for (Depot d : depots) d.drainTo(flush);
        }
        stats.add(Counter.FLUSH_CPU_VISITS, flush.cpusVisited());
        stats.add(Counter.FLUSHED_PFNS, flush.pfns());
        stats.add(Counter.FLUSHED_USEFUL, flush.useful());
    }

    /**
     * iova_cpuhp_dead: the CPU went offline (it has left the online mask; an operation on it later
     * brings it back); free_cpu_cached_iovas returns its magazines to the tree, and the pending
     * flush-queue timer it armed moves to the lowest online CPU (timers_dead_cpu).
     */
    public void cpuDead(int cpu) {
        online.dead(cpu);
        for (long pfn : cpus[cpu].unplug()) domain.freeCached(pfn);
        if (fq != null) fq.timer().cpuDead(cpu, online);
    }

    /** num_online_cpus(). */
    public int onlineCpus() {
        return online.count();
    }

    /** reserve_iova; false if the kernel would refuse the range. */
    public boolean reserve(long lo, long hi) {
        return domain.reserve(lo, hi);
    }

    // ---------------------------------------------------------------- timers: 6.7+ depot trim, flush-queue timer

    /**
     * Moves the simulated clock to {@code now} (ns; a time behind the clock leaves it where it
     * is) and runs every timer that fell due on the way, in due order, each at its own due time:
     * the depot-trim jobs (when the policy trims) and the flush-queue timer (lazy invalidation).
     * A trace moves the clock only with its {@code clock} lines.
     */
    public void advanceClock(long now) {
        FlushQueueTimer.advance(fq == null ? null : fq.timer(), now, timers);
    }

    /** The timers on this allocator's clock, as {@link FlushQueueTimer#advance} orders them. */
    private final FlushQueueTimer.Timers timers = new FlushQueueTimer.Timers() {
        @Override
        public void trimUntil(long t, boolean dueAtT) {
            if (policy.depotTrim()) trim.advance(t, dueAtT, depots, onlineCpus(), freeTrimmed);
            nowNanos = Math.max(nowNanos, t);
        }

        @Override
        public void timeout(int cpu, long due) {
            fq.freeEveryRing(cpu, due);
        }
    };

    private void freeTrimmed(int sizeClass, Magazine m) {
        stats.inc(Counter.TRIMS);
        stats.add(Counter.TRIMMED_PFNS, m.size());
        for (int i = 0; i < m.size(); i++) domain.freeCached(m.get(i));
    }

    public long nowNanos() {
        return nowNanos;
    }
}
