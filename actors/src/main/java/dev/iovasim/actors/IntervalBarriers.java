package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.series.SeriesSampler;
import dev.iovasim.allocator.series.SeriesSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A free-running run's time series, in one JVM or over cluster nodes: a barrier per interval. Every
 * CPU runs until its next operation would start after the boundary ({@link IntervalHold}); once
 * every CPU has arrived there (a CPU whose share is done has arrived at every boundary), what is
 * still on its way lands (each CPU answers between operations, after what was sent to it: unmaps to
 * IRQ CPUs, the timer's frees; across JVMs, asked again until every unmap sent to an IRQ CPU has
 * run), the clock moves to the boundary (its timers due by then run, as the reference engine's do
 * before a row), the row is gathered as lock-step replay gathers it ({@link ActorSeries}) and the
 * CPUs are released to the next boundary. The run's end is the last barrier: the clock moves to the
 * latest CPU's time and the sampler writes the rows up to it, the last one possibly short.
 */
public final class IntervalBarriers {
    private final String policy;
    private final SeriesSpec spec;
    private Machine m;
    private SeriesSampler sampler;
    private long setupOps;
    private Duration timeout;
    private long boundary;
    /** Each CPU's virtual time at its last arrival. */
    private long[] clocks;
    private List<CompletableFuture<IntervalHold.Held>> arrivals = List.of();
    private CompletableFuture<Void> arrived = CompletableFuture.completedFuture(null);
    /** Every CPU's share is done: the last barrier is {@link #finish}'s. */
    private boolean over;
    private final CompletableFuture<Void> never = new CompletableFuture<>();
    private long barriers;

    private IntervalBarriers(String policy, SeriesSpec spec) {
        this.policy = policy;
        this.spec = spec;
    }

    /** The barriers of {@code run}'s time series; null when it writes none. */
    public static IntervalBarriers of(RunSpec run) {
        return run.series() == null ? null : new IntervalBarriers(run.policy().name(), run.series());
    }

    /** What the rows cost, beside the reference engine's keys: a barrier per interval, the end's included. */
    public void addTo(RunReport report) {
        report.put("timeseries_rows", sampler == null ? 0 : sampler.rows()).put("timeseries_barriers", barriers);
    }

    /**
     * Before the CPUs start: each will hold at the first boundary. {@code setupOps}: the setup's
     * operations no CPU counts. On a cluster the first {@link IntervalHold.HoldAt} reaches a CPU
     * before its host's start does: both go from this JVM to the CPU's node, over one lane each way
     * (Artery's one outbound lane, common.conf's {@code inbound-lanes = 1}), in the order sent.
     */
    void start(Machine machine, long setupOps) {
        this.m = machine;
        this.setupOps = setupOps;
        this.timeout = machine.settings().runTimeout();
        this.clocks = new long[machine.cpuCount()];
        this.sampler = new SeriesSampler(new ActorSeries(machine, machine::moveClock, new AllocStats()), policy, spec);
        release(sampler.nextRowNanos());
    }

    /** Completes when every CPU has arrived at the current boundary; never once every share is done. */
    CompletableFuture<Void> arrived() {
        return over ? never : arrived;
    }

    /** Every CPU at the boundary, some holding an operation past it: the row, then the release. */
    void poll() {
        if (over || !arrived.isDone()) return;
        over = allEnded();
        if (over) return;
        barriers++;
        long ops = settle();
        sampler.rowsUntil(boundary + 1, ops);
        release(sampler.nextRowNanos());
    }

    /** Every CPU's share is done: the last barrier, at the latest CPU's time, and the rows up to it. */
    void finish() {
        m.await(arrived, "every CPU's arrival at the run's end");
        if (!over && !allEnded()) throw new IllegalStateException("a CPU held an operation at " + boundary + " ns after the run ended");
        barriers++;
        long end = 0;
        for (long c : clocks) end = Math.max(end, c);
        long ops = settle();
        m.moveClock(end);
        sampler.finish(end, ops);
    }

    private void release(long next) {
        boundary = next;
        List<CompletableFuture<IntervalHold.Held>> out = new ArrayList<>(m.cpuCount());
        for (int c = 0; c < m.cpuCount(); c++) {
            out.add(m.<IntervalHold.Held>askCpu(c, r -> new IntervalHold.HoldAt(next, r), timeout));
        }
        arrivals = out;
        arrived = CompletableFuture.allOf(out.toArray(new CompletableFuture<?>[0]));
    }

    private boolean allEnded() {
        boolean ended = true;
        for (CompletableFuture<IntervalHold.Held> f : arrivals) {
            IntervalHold.Held h = m.await(f, "a CPU's arrival at " + boundary + " ns");
            // lost with its node: arrived at every boundary, its clock where it last arrived
            if (h == null) continue;
            clocks[h.cpu()] = h.clockNanos();
            ended &= h.ended();
        }
        return ended;
    }

    /**
     * What was sent before the arrivals has landed once each CPU answers (in one JVM, at the first
     * round) and every unmap sent to an IRQ CPU has run ({@link Machine#settle}). Returns the operations
     * issued so far (by the CPUs still there).
     */
    private long settle() {
        return setupOps + m.settle("the barrier at " + boundary + " ns");
    }
}
