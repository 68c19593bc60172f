package dev.iovasim.actors;

/**
 * One fan-out's answers, slot by CPU, so they can be applied in CPU order 0..N-1 whatever order
 * they arrived in. Used for a flush (pfns) and for a survey (cached and held pfns), a new one for
 * each ({@link FanOutTargets#gather}): an answer costs a slot store and a counter.
 */
final class Gather {
    final long round;
    /**
     * When the last answer came in, or the wait ended, stamped where the answers are gathered (a
     * flush's coordinator child): the gather's end, before its hand-over to the owner.
     */
    long endNanos;
    private final PfnRuns[] cached;
    private final long[][] held;
    private final boolean wantsDepot;
    private long[] depot;
    private int cpusIn;
    private boolean depotIn;
    private int messages;
    private int ticks;

    /**
     * The gather clock ticks this often per ask timeout: a gather gives up at its tick
     * TICKS_PER_TIMEOUT + 1, i.e. between 1 and 1.25 timeouts after it began. Starting and
     * cancelling a timer for every flush cost about 28 µs of a 128-CPU flush's 50 µs fan-out here
     * (flushbench, 1 JVM), on the tree owner's thread, before the first CPU could run.
     */
    static final int TICKS_PER_TIMEOUT = 4;

    /** Empty slots for the fan-out of {@code round}. */
    Gather(int cpus, long round, boolean wantsDepot) {
        this.cached = new PfnRuns[cpus];
        this.held = new long[cpus][];
        this.round = round;
        this.wantsDepot = wantsDepot;
    }

    /** One tick of the gather clock; true when this gather has waited long enough. */
    boolean tick() {
        return ++ticks > TICKS_PER_TIMEOUT;
    }

    /** One fan-out message: a request sent (to a CPU, a node or the depot), or an answer received for any number of CPUs. */
    void countMessage() {
        messages++;
    }

    /** A CPU lost with its node answers with nothing, so the gather need not wait for it. */
    void lost(int cpu) {
        if (cached[cpu] == null) cpu(cpu, PfnRuns.NONE, NOTHING);
    }

    /** The CPUs [first, first + count) are lost together; true when that completes the gather. */
    boolean lost(int first, int count) {
        for (int c = first; c < first + count; c++) lost(c);
        return complete();
    }

    private static final long[] NOTHING = new long[0];

    /** Records a CPU's answer; false if that CPU had already answered. */
    boolean cpu(int cpu, PfnRuns cachedPfns, long[] heldPfns) {
        if (cached[cpu] != null) return false;
        cached[cpu] = cachedPfns;
        held[cpu] = heldPfns;
        cpusIn++;
        return true;
    }

    void depot(long[] pfns) {
        depot = pfns;
        depotIn = true;
    }

    boolean depotIn() {
        return depotIn;
    }

    boolean complete() {
        return cpusIn == cached.length && (depotIn || !wantsDepot);
    }

    int cpus() {
        return cached.length;
    }

    int cpusIn() {
        return cpusIn;
    }

    /** The CPU's pfns, or null if it never answered. */
    PfnRuns cached(int cpu) {
        return cached[cpu];
    }

    long[] held(int cpu) {
        return held[cpu];
    }

    boolean wantsDepot() {
        return wantsDepot;
    }

    /** The depot's pfns in drain order, or null if it was not asked or did not answer. */
    long[] depot() {
        return depot;
    }

    /** Messages of this fan-out so far: requests sent and answers received. */
    int messages() {
        return messages;
    }
}
