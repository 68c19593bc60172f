package dev.iovasim.allocator;

/**
 * One CPU's rcache decisions, written once for both engines. alloc_iova_fast goes down the ladder
 * of iova_rcache_get (the {@code loaded} magazine, a swap with {@code prev}, a full magazine from
 * the depot) and then to the tree, which flushes every cache and retries once when the caller allows
 * it; free_iova_fast goes down iova_rcache_insert's (push into {@code loaded}, swap with a non-full
 * {@code prev}, hand the full {@code loaded} to the depot) and a magazine the depot refuses, or a
 * size no rcache holds, goes to the tree.
 *
 * <p>Each call decides as far as this CPU alone can and returns the next {@link Step}: {@link
 * Step#DONE}, or a step that only an owner outside the CPU can take (the depot, the tree). The
 * caller takes the step (the reference engine inline, the actor engine as a message to the depot or
 * tree owner actor) and feeds its result back through the matching {@code resume...} call, which
 * again returns the next step. One operation is in progress at a time; starting a new one abandons
 * the old (the actor engine does so when an answer never comes).
 *
 * <p>Counts go to the {@link AllocStats} given at construction: the reference engine's one for the
 * domain, or a CPU actor's own. Only the rcache's per-CPU state lives here (the magazines and a
 * spare); other per-CPU state, such as the flush queue of lazy invalidation, belongs beside it in
 * the engine's per-CPU holder, and reaches the ladder only through {@link #free}.
 */
public final class RcacheLadder {

    /** What the caller must do next. */
    public enum Step {
        /** The operation is complete: an allocation's pfn is {@link #pfn()} (0: it failed). */
        DONE,
        /** Take the depot's newest full magazine of {@link #sizeClass()}; then {@link #resumeDepotGet}. */
        DEPOT_GET,
        /**
         * Allocate {@link #rounded()} pages under {@link #limit()} from the tree; when that fails and
         * {@link #flushOnFailure()}, flush every CPU's caches (and the depot if the policy says so) and
         * retry once. Then {@link #resumeTree}.
         */
        TREE_ALLOC,
        /** Offer {@link #outgoing()}, a full magazine of {@link #sizeClass()}, to the depot; then {@link #resumeDepotPut}. */
        DEPOT_PUT,
        /** Free {@link #pfn()}, of a size no rcache holds, to the tree; then {@link #treeFreed}. */
        TREE_FREE,
        /** The depot refused {@link #outgoing()}: free its pfns to the tree in index order; then {@link #treeFreed}. */
        TREE_FREE_MAGAZINE
    }

    private final Policy policy;
    private final CpuCaches caches;
    private final AllocStats stats;
    private Magazine spare;
    /** A full magazine on its way to the depot (or, refused, to the tree); null otherwise. */
    private Magazine outgoing;
    private long rounded;
    private int sizeClass;
    private long limit;
    private boolean flushOnFailure;
    private int outcome;
    private long pfn;

    public RcacheLadder(Policy policy, AllocStats stats) {
        this(policy, stats, new CpuCaches(policy.magazineSize(), policy.rcacheClasses()));
    }

    /** The ladder over {@code caches}, empty and sized for the policy (a CPU actor's own subclass). */
    public RcacheLadder(Policy policy, AllocStats stats, CpuCaches caches) {
        if (caches.magazineSize() != policy.magazineSize() || caches.classes() != policy.rcacheClasses()
                || caches.cachedPfns() != 0) {
            throw new IllegalArgumentException("the caches must be empty, with " + policy.rcacheClasses()
                    + " classes of " + policy.magazineSize() + "-pfn magazines");
        }
        this.policy = policy;
        this.stats = stats;
        this.caches = caches;
    }

    public CpuCaches caches() {
        return caches;
    }

    // ------------------------------------------------------------ alloc_iova_fast

    /**
     * alloc_iova_fast(size, limit, mayFlush): the rcache first when the rounded size is cached. A
     * caller's {@code mayFlush} decides the flush on a failed tree allocation only where the
     * policy's kernel has the argument (v4.15+); before, every failure flushed.
     */
    public Step alloc(long size, long limit, boolean mayFlush) {
        this.rounded = SizeClass.round(size, policy.rcacheClasses());
        this.sizeClass = SizeClass.of(rounded);
        this.limit = limit;
        this.flushOnFailure = mayFlush || !policy.callerChoosesFlush();
        this.pfn = 0;
        outgoing = null;
        if (!SizeClass.cached(sizeClass, policy.rcacheClasses())) return toTree();
        outcome = Outcome.CPU_HIT;
        if (!caches.readyLoaded(sizeClass)) return Step.DEPOT_GET;
        return popOrTree();
    }

    /** The depot's answer to {@link Step#DEPOT_GET}: a full magazine, or null when it had none. */
    public Step resumeDepotGet(Magazine full) {
        if (full == null) return toTree();
        spare = caches.loadFromDepot(sizeClass, full);
        stats.inc(Counter.DEPOT_EXCHANGES);
        outcome = Outcome.DEPOT_HIT;
        return popOrTree();
    }

    /** The tree's answer to {@link Step#TREE_ALLOC}: the pfn, or 0. */
    public Step resumeTree(long treePfn) {
        pfn = treePfn;
        return Step.DONE;
    }

    private Step popOrTree() {
        long got = caches.pop(sizeClass, rounded, limit, policy.topOnlyPop());
        if (got == 0) return toTree();
        stats.inc(Counter.MAGAZINE_MOVES);
        pfn = got;
        return Step.DONE;
    }

    private Step toTree() {
        outcome = Outcome.TREE;
        return Step.TREE_ALLOC;
    }

    // ------------------------------------------------------------ free_iova_fast

    /** free_iova_fast(pfn, size) with the caller's unrounded {@code size}. */
    public Step free(long freed, long size) {
        stats.inc(Counter.FREES);
        this.pfn = freed;
        this.sizeClass = SizeClass.of(size);
        outgoing = null;
        if (!SizeClass.cached(sizeClass, policy.rcacheClasses())) {
            stats.inc(Counter.FREES_TO_TREE);
            return Step.TREE_FREE;
        }
        stats.inc(Counter.MAGAZINE_MOVES);
        if (caches.tryPush(sizeClass, freed)) {
            stats.inc(Counter.FREES_TO_MAGAZINE);
            return Step.DONE;
        }
        outgoing = caches.pushIntoFresh(sizeClass, takeSpare(), freed);
        stats.inc(Counter.DEPOT_EXCHANGES);
        return Step.DEPOT_PUT;
    }

    /**
     * The depot's answer to {@link Step#DEPOT_PUT}. Accepted, the magazine is the depot's now; refused
     * (a bounded depot is full), its pfns go to the tree.
     */
    public Step resumeDepotPut(boolean accepted) {
        if (accepted) {
            stats.inc(Counter.FREES_TO_DEPOT);
            outgoing = null;
            return Step.DONE;
        }
        stats.inc(Counter.DEPOT_OVERFLOWS);
        stats.inc(Counter.FREES_TO_TREE);
        return Step.TREE_FREE_MAGAZINE;
    }

    /** The tree has freed what {@link Step#TREE_FREE} or {@link Step#TREE_FREE_MAGAZINE} named. */
    public Step treeFreed() {
        if (outgoing != null) {
            outgoing.clear();
            spare = outgoing;
            outgoing = null;
        }
        return Step.DONE;
    }

    /**
     * {@link #outgoing()}'s pfns in index order, for a message that carries them to the depot; the
     * magazine itself stays on this CPU as its spare (the receiver builds its own).
     */
    public long[] sendOutgoing() {
        long[] pfns = outgoing.toArray();
        treeFreed();
        return pfns;
    }

    private Magazine takeSpare() {
        Magazine m = spare;
        spare = null;
        return m != null ? m : new Magazine(policy.magazineSize());
    }

    // ------------------------------------------------------------ free_cpu_cached_iovas

    /** The CPU went offline: every cached pfn, class by class, loaded then prev, for the tree. */
    public long[] unplug() {
        stats.inc(Counter.CPU_UNPLUGS);
        long[] pfns = caches.drain();
        stats.add(Counter.UNPLUG_PFNS, pfns.length);
        return pfns;
    }

    // ------------------------------------------------------------ the step in progress

    /** The allocation's result once {@link Step#DONE}; the pfn to free for {@link Step#TREE_FREE}. */
    public long pfn() {
        return pfn;
    }

    /** Where the allocation was (or is being) served from ({@link Outcome}). */
    public int outcome() {
        return outcome;
    }

    public int sizeClass() {
        return sizeClass;
    }

    public long rounded() {
        return rounded;
    }

    public long limit() {
        return limit;
    }

    public boolean flushOnFailure() {
        return flushOnFailure;
    }

    public Magazine outgoing() {
        return outgoing;
    }
}
