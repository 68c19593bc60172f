package dev.iovasim.allocator.engine;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.PfnSink;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.series.AllocatorSeries;
import dev.iovasim.allocator.series.SeriesSampler;
import dev.iovasim.allocator.trace.Compression;
import dev.iovasim.allocator.trace.TraceWriter;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.OrderedWorkload;
import dev.iovasim.allocator.workload.Seeds;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of the reference engine. The workload's setup runs first (its holdings are handed to
 * the CPUs' streams once they exist); then, at each step, a CPU drawn uniformly from those with
 * operations left (or, for an ordered workload such as a trace, the CPU it names) runs its next
 * operation to completion. Virtual time advances by the operation's gap divided by the number of
 * CPUs (each CPU waits its gap between its own operations, and the CPUs run side by side); the
 * 6.7+ depot trim runs on that clock.
 */
final class ReferenceRun implements Workload.SetupTarget, Conservation.Holdings {
    private static final long PROGRESS_EVERY = 1 << 16;

    private final RunSpec spec;
    private final Workload workload;
    private final DomainConfig domain;
    private final int cpus;
    private final IovaAllocator allocator;
    private final CpuWorkload[] streams;
    private final WorkOp op = new WorkOp();
    private final FlushTally flushes;
    private final DriftSeries drift;
    private final TraceWriter trace;
    private final boolean clockRuns;
    private final IrqCpus irq;
    private final SeriesSampler series;
    private long tracedClock;
    private long ops;
    private long setupOps;
    private final SummedGapClock clock;
    private Conservation.Result failure;
    private long failureAt;
    /** The setup's holdings ({cpu, pfn, size}), kept until the CPUs' streams exist to adopt them. */
    private final List<long[]> setupHeld = new ArrayList<>();

    ReferenceRun(RunSpec spec) {
        this.spec = spec;
        this.workload = spec.workload();
        this.domain = spec.domain();
        this.cpus = domain.cpus();
        this.allocator = new IovaAllocator(spec.policy(), domain, spec.gapSearch());
        this.streams = new CpuWorkload[cpus];
        this.flushes = new FlushTally(domain.dma32Pfn() - 1);
        allocator.setFlushListener(flushes);
        this.drift = new DriftSeries(Math.max(1024, (long) cpus * spec.opsPerCpu() / 48));
        this.trace = spec.emitTrace() == null ? null : openTrace(spec.emitTrace());
        // the run needs the simulated clock for a timer (6.7+ depot trim, flush-queue timer) or a time series
        this.clockRuns = spec.policy().depotTrim() || spec.policy().invalidation().lazy() || spec.series() != null;
        this.irq = spec.irqCpus();
        this.clock = new SummedGapClock(cpus);
        this.series = spec.series() == null ? null : new SeriesSampler(new AllocatorSeries(allocator), spec.policy().name(), spec.series());
    }

    /** The run's allocator, for tests that look inside after the run. */
    IovaAllocator allocator() {
        return allocator;
    }

    RunReport run(ProgressListener progress) {
        long t0 = System.nanoTime();
        if (trace != null) trace.header(domain, traceComments(), spec.policy().invalidation());
        workload.setup(this, cpus, spec.seed());
        setupOps = ops;
        for (int c = 0; c < cpus; c++) streams[c] = workload.forCpu(c, cpus, spec.seed(), spec.opsPerCpu());
        for (long[] h : setupHeld) streams[(int) h[0]].adopt(h[1], h[2]);
        drift.start(driftSample());
        try {
            loop(progress);
        } finally {
            if (trace != null) finishTrace();
        }
        if (series != null) series.finish(nowNanos(), ops);
        double wall = (System.nanoTime() - t0) / 1e9;
        drift.finish(driftSample());
        progress.progress(spec, ops, expectedOps());
        Conservation.Result c = failure != null ? failure : Conservation.check(allocator, this);
        return report(wall, c);
    }

    // ---------------------------------------------------------------- the loop

    private void loop(ProgressListener progress) {
        OrderedWorkload ordered = workload instanceof OrderedWorkload o ? o : null;
        int[] active = new int[cpus];
        for (int c = 0; c < cpus; c++) active[c] = c;
        int activeCount = cpus;
        SplittableRandom order = new SplittableRandom(Seeds.forOrder(spec.seed()));
        long nextProgress = ops + PROGRESS_EVERY;
        long nextCheck = spec.checkEvery() > 0 ? ops + spec.checkEvery() : Long.MAX_VALUE;
        long nextSample = drift.nextDue();
        long nextEvent = Math.min(nextProgress, Math.min(nextCheck, nextSample));
        int chainedCpu = -1;
        while (true) {
            int cpu;
            if (chainedCpu >= 0) {
                cpu = chainedCpu;
                chainedCpu = -1;
                if (!streams[cpu].next(op)) continue;
            } else if (ordered != null) {
                cpu = ordered.nextCpu();
                if (cpu < 0) return;
                if (!streams[cpu].next(op)) throw new IllegalStateException("ordered workload named CPU " + cpu + " but it had no operation");
            } else {
                if (activeCount == 0) return;
                int i = order.nextInt(activeCount);
                cpu = active[i];
                if (!streams[cpu].next(op)) {
                    active[i] = active[--activeCount];
                    continue;
                }
            }
            execute(cpu);
            if (op.chained) chainedCpu = cpu;
            if (++ops < nextEvent) continue;
            if (ops >= nextProgress) {
                progress.progress(spec, ops, expectedOps());
                nextProgress = ops + PROGRESS_EVERY;
            }
            if (ops >= nextSample) {
                drift.sample(driftSample());
                nextSample = drift.nextDue();
            }
            if (ops >= nextCheck) {
                Conservation.Result c = Conservation.check(allocator, this);
                if (!c.ok()) {
                    failure = c;
                    failureAt = ops;
                    return;
                }
                nextCheck = ops + spec.checkEvery();
            }
            nextEvent = Math.min(nextProgress, Math.min(nextCheck, nextSample));
        }
    }

    /** The simulated clock ({@link SummedGapClock}). */
    private long nowNanos() {
        return clock.nowNanos();
    }

    private void execute(int cpu) {
        clock.add(op.gapNanos);
        if (clockRuns) moveClock();
        switch (op.kind) {
            case WorkOp.MAP -> {
                long pfn = allocator.map(cpu, op.size, op.limit, op.device);
                if (trace != null) trace.map(cpu, op.size, op.limit, op.deviceName, pfn);
                if (pfn != 0) streams[op.freeCpu].adopt(pfn, op.size);
            }
            case WorkOp.FREE -> {
                int on = irq == null ? cpu : irq.completionCpu(cpu);
                allocator.unmap(on, op.pfn, op.size);
                if (trace != null) trace.free(on, op.pfn, op.size);
            }
            case WorkOp.ALLOC -> {
                long pfn = allocator.alloc(cpu, op.size, op.limit, op.flush);
                if (trace != null) trace.alloc(cpu, op.size, op.limit, op.flush, pfn);
                if (pfn != 0) streams[op.freeCpu].adopt(pfn, op.size);
            }
            case WorkOp.RESERVE -> reserve(op.pfn, op.limit);
            case WorkOp.CPU_DEAD -> {
                allocator.cpuDead(cpu);
                if (trace != null) trace.cpuDead(cpu);
            }
            default -> throw new IllegalStateException("unknown operation kind " + op.kind);
        }
    }

    /** Rows due on the way, then the timers due by now; a trace records the move as a clock line. */
    private void moveClock() {
        long now = nowNanos();
        if (series != null && now > series.nextRowNanos()) series.rowsUntil(now, ops);
        allocator.advanceClock(now);
        if (trace != null && now != tracedClock) {
            trace.clock(now);
            tracedClock = now;
        }
    }

    private long expectedOps() {
        return workload instanceof OrderedWorkload ? -1 : setupOps + (long) cpus * spec.opsPerCpu();
    }

    private DriftSeries.Sample driftSample() {
        AllocStats s = allocator.stats();
        return new DriftSeries.Sample(ops, s.get(Counter.ALLOCS), s.rcacheHits(), WorkUnits.of(allocator).total(), s.get(Counter.FLUSHES),
                nowNanos(), allocator.domain().nodeCount(), cachedPfns());
    }

    private long cachedPfns() {
        long n = 0;
        for (int c = 0; c < cpus; c++) n += allocator.caches(c).cachedPfns();
        for (int k = 0; k < allocator.policy().rcacheClasses(); k++) n += allocator.depot(k).cachedPfns();
        return n;
    }

    // ---------------------------------------------------------------- setup target

    @Override
    public void reserve(long lo, long hi) {
        ops++;
        allocator.reserve(lo, hi);
        if (trace != null) trace.reserve(lo, hi, null);
    }

    @Override
    public long alloc(int cpu, long size, long limit, boolean flush) {
        ops++;
        long pfn = allocator.alloc(cpu, size, limit, flush);
        if (trace != null) trace.alloc(cpu, size, limit, flush, pfn);
        return pfn;
    }

    @Override
    public void hold(int cpu, long pfn, long size) {
        setupHeld.add(new long[] {cpu, pfn, size});
    }

    /** What the CPUs' callers hold, for the conservation check. */
    @Override
    public void forEachHeld(PfnSink sink) {
        for (CpuWorkload w : streams) {
            if (w != null) w.forEachHeldPfn(sink);
        }
    }

    // ---------------------------------------------------------------- trace and report

    private static TraceWriter openTrace(Path file) {
        try {
            return new TraceWriter(Compression.create(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace " + file, e);
        }
    }

    private List<String> traceComments() {
        Policy p = spec.policy();
        String base = p.name().replaceFirst("-mag\\d+$", "");
        return List.of("written by iovasim simulate: workload " + workload.name() + ", policy " + p.name()
                        + ", cpus " + cpus + ", ops per CPU " + spec.opsPerCpu() + ", seed " + spec.seed(),
                "replay: bin/iovasim replay FILE --policy " + base + " --magazine-size " + p.magazineSize(),
                "each allocation line ends with the pfn the run got; the last line is the run's summary");
    }

    private void finishTrace() {
        AllocStats s = allocator.stats();
        trace.comment("allocs " + s.get(Counter.ALLOCS) + " failed " + s.get(Counter.FAILED) + " rcache_hits " + s.rcacheHits()
                + " flushes " + s.get(Counter.FLUSHES) + " flushed_pfns " + s.get(Counter.FLUSHED_PFNS));
        trace.close();
    }

    private RunReport report(double wall, Conservation.Result c) {
        RunReport r = StandardReport.of(spec, ReferenceEngine.NAME, 1, ops, allocator.stats(), WorkUnits.of(allocator), wall, c);
        if (failure != null) r.put("conservation_failed_at_op", failureAt);
        double simSeconds = nowNanos() / 1e9;
        r.put("setup_ops", setupOps)
                .put("virtual_seconds", simSeconds)
                .put("sim_seconds_per_wall_second", wall > 0 ? simSeconds / wall : 0.0)
                .put("invalidation", spec.policy().invalidation().word())
                .put("irq_cpus", irq == null ? "every CPU" : irq.toString())
                .put("depot_trim", spec.policy().depotTrim() ? "on the simulated clock" : "not in this policy")
                .put("tree_nodes", allocator.domain().nodeCount())
                .put("cached_pfns", cachedPfns());
        flushes.addTo(r);
        FlushQueueReport.addTo(r, allocator);
        if (series != null) r.put("timeseries_rows", series.rows());
        List<RunReport> samples = drift.intervals();
        if (!samples.isEmpty()) {
            RunReport first = samples.get(drift.warmIndex());
            RunReport last = samples.get(samples.size() - 1);
            for (String k : List.of("hit_rate", "work_units_per_op", "tree_nodes", "cached_pfns")) {
                r.put("drift_" + k + "_first", first.doubleValue(k));
                r.put("drift_" + k + "_last", last.doubleValue(k));
            }
        }
        if (spec.emitTrace() != null) r.put("emit_trace", spec.emitTrace().toString());
        return r.put("samples", samples);
    }
}
