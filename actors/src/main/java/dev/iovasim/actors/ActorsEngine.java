package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.FlushQueueReport;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.engine.StandardReport;
import dev.iovasim.allocator.engine.WorkUnits;
import dev.iovasim.allocator.workload.OrderedWorkload;
import java.util.Map;

/**
 * {@code --engine actors}: the free-running actor engine behind the same report as the
 * reference engine, plus what the messages cost (flush latency, fan-out, allocation latency).
 * Work units come from the same counters (the tree owner's domain and the CPUs' magazines), but
 * a free-running run interleaves by timing, so they differ from the reference engine's run.
 */
public record ActorsEngine(EngineSettings settings) implements Engine {
    public static final String NAME = "actors";

    public ActorsEngine() {
        this(EngineSettings.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunReport run(RunSpec spec, ProgressListener progress) {
        return run(spec, progress, FreeRun.Live.NONE);
    }

    /** As {@link #run(RunSpec, ProgressListener)}, telling {@code live} the run's figures as it goes. */
    public RunReport run(RunSpec spec, ProgressListener progress, FreeRun.Live live) {
        if (spec.workload() instanceof OrderedWorkload) {
            throw new IllegalArgumentException("a trace fixes the order of its operations: replay it with"
                    + " 'replay FILE --engine actors' (the actor engine runs workloads free-running)");
        }
        spec.requireDefaultRcacheClasses(NAME);
        if (spec.emitTrace() != null) {
            throw new IllegalArgumentException("--emit-trace needs --engine reference: a free-running actor run's"
                    + " order is decided by timing, so no trace reproduces it");
        }
        long total = (long) spec.domain().cpus() * spec.opsPerCpu();
        progress.progress(spec, 0, total);
        IntervalBarriers series = IntervalBarriers.of(spec);
        ActorRunResult r = FreeRun.run(spec.policy(), spec.domain(), spec.workload(), spec.domain().cpus(),
                spec.opsPerCpu(), spec.seed(), spec.irqCpus(), series, settings, done -> progress.progress(spec, done, total),
                live);
        // r.ops() also counts the setup's reserves, which the total (the workload's share) does not
        progress.progress(spec, Math.min(r.ops(), total), total);
        RunReport rep = report(spec, r);
        if (series != null) series.addTo(rep);
        return rep;
    }

    public static RunReport report(RunSpec spec, ActorRunResult r) {
        TreeReports.TreeWork t = r.treeWork();
        WorkUnits work = new WorkUnits(t.nodesVisited(), t.inserts(), t.erases(), r.stats().get(Counter.MAGAZINE_MOVES),
                r.stats().get(Counter.DEPOT_EXCHANGES), r.stats().get(Counter.FLUSH_CPU_VISITS));
        RunReport rep = StandardReport.of(spec, NAME, 1, r.ops(), r.stats(), work, r.seconds(), r.conservation());
        LatencySummary f = r.flushLatency();
        if (f.count() > 0) {
            // no flush, no latency: an absent value, not a zero a plot would draw
            rep.put("flush_latency_p50_us", f.p50Us())
                    .put("flush_latency_p99_us", f.p99Us())
                    .put("flush_latency_max_us", f.maxUs())
                    .put("flush_latency_mean_us", f.meanUs());
        }
        if (spec.policy().invalidation().lazy()) {
            // the flush queues' counters, under the reference engine's keys (the CPU actors' rings, the timer actor's flushes)
            AllocStats st = r.stats();
            FlushQueueReport.addCounters(rep, st, st.get(Counter.FQ_QUEUED) - st.get(Counter.FQ_FREED));
        }
        rep.put("depot_trim", spec.policy().depotTrim() ? "on the virtual clock (the depot's, moved by the CPUs' requests)"
                : "not in this policy");
        rep.put("fanout_messages", r.fanoutMessages())
                .put("fanout_bytes", r.fanoutBytes())
                .put("alloc_latency_p50_us", r.allocLatency().p50Us())
                .put("alloc_latency_p99_us", r.allocLatency().p99Us());
        for (Map.Entry<String, LatencySummary> e : r.allocByOutcome().entrySet()) {
            rep.put("alloc_latency_" + e.getKey() + "_p50_us", e.getValue().p50Us());
            rep.put("alloc_latency_" + e.getKey() + "_p99_us", e.getValue().p99Us());
        }
        rep.put("tree_nodes", t.nodes());
        rep.put("engine_errors", r.errors());
        if (r.firstError() != null) rep.put("engine_first_error", r.firstError());
        return rep;
    }
}
