package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.OnlineCpus;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.Presets;
import dev.iovasim.allocator.series.SeriesSampler;
import dev.iovasim.allocator.series.SeriesSpec;
import dev.iovasim.allocator.trace.OpTarget;
import java.util.List;

/**
 * The actor engine as a trace target: each operation goes to its CPU's actor and is waited for
 * until every effect (depot, tree, flush) is applied, so replay is sequential and must print what
 * the reference engine prints. Lock-step on the simulated clock too: a clock line moves the
 * {@link FlushTimerActor}'s clock and is waited for until every timer due on the way (depot trims,
 * the flush queues' timer) has run; under lazy invalidation a free line is the CPU's queue_iova
 * ({@link CpuFlushQueue.Unmap}) at the clock's time.
 */
public final class ActorTarget implements OpTarget {
    private final Machine machine;
    /** The DMA layer's one instance: this driver decides every map's SAC attempt, so replay is deterministic. */
    private final AllocStats dmaStats = new AllocStats();
    private final DmaLayer dma;
    private int lastOutcome;
    /** The kinds of kernel event the answers have reported ({@link IovaDomain#kernelEventKinds}). */
    private int eventsSeen;
    /** Each kind's first event, once asked of the tree owner. */
    private final IovaDomain.KernelEvent[] events = new IovaDomain.KernelEvent[IovaDomain.KernelEvent.Kind.values().length];
    private Invalidation mode;
    /** A clock move ran timers (6.7's depot trim, the flush queues' timer), whose frees reach the tree unanswered. */
    private boolean timersRan;
    private long nowNanos;
    private SeriesSampler series;
    /** Operations replayed so far (a time series' ops column). */
    private long ops;
    /** The online mask (the rule is here; the actors that read the mask are told of each change). */
    private final OnlineCpus online;

    private ActorTarget(Machine machine) {
        this.machine = machine;
        this.dma = new DmaLayer(machine.policy(), machine.domain().dma32Pfn(), dmaStats);
        this.mode = Invalidation.STRICT;
        this.online = new OnlineCpus(machine.domain().cpus());
    }

    public static ActorTarget create(Policy policy, DomainConfig config, boolean gapSearch, EngineSettings settings) {
        ActorTarget t = new ActorTarget(LocalMachine.start(policy, config, gapSearch, false, settings, cpu -> null));
        try {
            t.invalidation(policy.invalidation());
        } catch (UnsupportedOperationException e) {
            t.close();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return t;
    }

    /** Replays onto a machine already started (a cluster's); closing the target closes it. */
    public static ActorTarget over(Machine machine) {
        return new ActorTarget(machine);
    }

    /**
     * Writes a time series while replaying, as the reference engine does: rows as the trace's clock
     * lines move the clock, each gathered from the actors ({@link ActorSeries}) once the clock's
     * timers have run, the last at {@link #close}. One JVM.
     */
    public ActorTarget withSeries(String policy, SeriesSpec spec) {
        series = new SeriesSampler(new ActorSeries(machine, this::moveClock, dmaStats), policy, spec);
        return this;
    }

    @Override
    public long alloc(int cpu, long size, long limit, boolean flush) {
        ops++;
        if (online.used(cpu)) tellOnline(cpu, true);
        return allocated(machine.ask(machine.cpu(cpu), r -> new CpuActor.Alloc(size, limit, flush, r), "alloc on cpu " + cpu));
    }

    @Override
    public long map(int cpu, long size, long limit, int device) {
        ops++;
        if (online.used(cpu)) tellOnline(cpu, true);
        long sac = dma.sacAttempt(device, limit);
        CpuActor.Allocated a = machine.ask(machine.cpu(cpu), r -> new CpuActor.MapIova(size, limit, sac, r), "map on cpu " + cpu);
        if (a.sacFailed()) dma.sacFailed(device);
        return allocated(a);
    }

    private long allocated(CpuActor.Allocated a) {
        lastOutcome = a.outcome();
        eventsSeen |= a.kernelEvents();
        return a.pfn();
    }

    @Override
    public int lastOutcome() {
        return lastOutcome;
    }

    @Override
    public void free(int cpu, long pfn, long size) {
        ops++;
        if (online.used(cpu)) tellOnline(cpu, true);
        completed(machine.ask(machine.cpu(cpu), r -> new CpuActor.Free(pfn, size, r), "free on cpu " + cpu));
    }

    @Override
    public void unmap(int cpu, long pfn, long size) {
        if (!mode.lazy()) {
            free(cpu, pfn, size);
            return;
        }
        ops++;
        if (online.used(cpu)) tellOnline(cpu, true);
        ActorRef<FlushTimerActor.Command> timer = machine.flushTimer();
        completed(machine.ask(machine.cpu(cpu), r -> new CpuFlushQueue.Unmap(pfn, size, nowNanos, mode.word(), timer, r),
                "unmap on cpu " + cpu));
    }

    /** Lazy modes need the machine's flush-queue timer (which owns {@code lazy-single}'s one queue). */
    @Override
    public void invalidation(Invalidation m) {
        Presets.checkTraceInvalidation(machine.policy(), m);
        if (m.lazy() || mode.lazy()) {
            FlushTimerActor.ClockMoved ignored = machine.ask(machine.flushTimer(), r -> new FlushTimerActor.Mode(m.word(), r),
                    "the flush queues' mode");
        }
        mode = m;
    }

    /** Moves the {@link FlushTimerActor}'s clock and waits until every timer due on the way has run. */
    @Override
    public void advanceClock(long nanos) {
        if (series != null) series.rowsUntil(nanos, ops);
        moveClock(nanos);
        if (timersRan) eventsSeen |= askEvent(0).kinds();
        timersRan = false;
    }

    private void moveClock(long nanos) {
        nowNanos = Math.max(nowNanos, nanos);
        timersRan |= machine.moveClock(nanos);
    }

    @Override
    public void cpuDead(int cpu) {
        ops++;
        completed(machine.ask(machine.cpu(cpu), CpuActor.Unplug::new, "cpudead " + cpu));
        if (online.dead(cpu)) tellOnline(cpu, false);
    }

    /**
     * Tells the clock actor (the depot's trims, the timer's CPU) and the tree owner (a flush's
     * visits) that {@code cpu} went offline or is back, each applied before the next line runs.
     */
    private void tellOnline(int cpu, boolean on) {
        String what = "cpu " + cpu + (on ? " back online" : " offline");
        FlushTimerActor.ClockMoved timer = machine.ask(machine.flushTimer(), r -> new FlushTimerActor.Online(cpu, on, r), what);
        DriverRequests.Reserved tree = machine.ask(machine.tree(), r -> new DriverRequests.Online(cpu, on, r), what);
    }

    private void completed(CpuActor.Completed c) {
        eventsSeen |= c.kernelEvents();
    }

    @Override
    public boolean reserve(long lo, long hi) {
        ops++;
        DriverRequests.Reserved r = machine.ask(machine.tree(), to -> new DriverRequests.Reserve(lo, hi, to), "reserve");
        return r.ok();
    }

    /** Every actor's counters, summed, and this driver's DMA layer's. */
    @Override
    public AllocStats stats() {
        List<CpuFigures.Cpu> cpus = cpuStats();
        AllocStats total = ownersStats();
        for (CpuFigures.Cpu c : cpus) total.addVector(c.stats());
        return total;
    }

    /** Each CPU actor's counters, asked in CPU order (per-CPU metrics). */
    public List<CpuFigures.Cpu> cpuStats() {
        return ActorSeries.cpuCounters(machine);
    }

    /** The counters no CPU actor keeps: the tree owner's, the flush-queue timer's and this driver's DMA layer's. */
    public AllocStats ownersStats() {
        AllocStats total = ActorSeries.ownersCounters(machine);
        total.addVector(dmaStats.toVector());
        return total;
    }

    @Override
    public Conservation.Result check(Conservation.Holdings held) {
        PfnList pfns = new PfnList();
        held.forEachHeld(pfns);
        // lazy-single's queued IOVAs wait in the timer actor's one ring, not in a CPU's: held there
        FlushTimerActor.TimerReport f = machine.ask(machine.flushTimer(), FlushTimerActor.Report::new, "the one queue's IOVAs");
        for (long p : f.queued()) pfns.accept(p);
        long[] heldPfns = pfns.toArray();
        ConservationSurvey.Checked c = machine.ask(machine.tree(), r -> new ConservationSurvey.Check(heldPfns, r),
                "the conservation check");
        return new Conservation.Result(c.ok(), c.liveRanges(), c.problem());
    }

    /** Asks the tree owner only once an answer has said such an event has happened (it never un-happens). */
    @Override
    public IovaDomain.KernelEvent kernelEvent(IovaDomain.KernelEvent.Kind kind) {
        int k = kind.ordinal();
        if (events[k] == null && (eventsSeen & 1 << k) != 0) {
            DriverRequests.Event e = askEvent(k);
            if (e.present()) events[k] = new IovaDomain.KernelEvent(kind, e.lo(), e.hi());
        }
        return events[k];
    }

    private DriverRequests.Event askEvent(int kind) {
        return machine.ask(machine.tree(), r -> new DriverRequests.EventQuery(kind, r), "the kernel events");
    }

    @Override
    public String engineName() {
        return "actors";
    }

    @Override
    public void close() {
        try {
            if (series != null) series.finish(nowNanos, ops);
        } finally {
            series = null;
            machine.close();
        }
    }
}
