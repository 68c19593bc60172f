package dev.iovasim.sweep;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.WorkOp;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The sweep's built-in reference runner: {@link IovaAllocator} driven in the calling thread by
 * {@link SacPressureLoad}, every map timed. Flush latency is the wall time of a map call that
 * flushed (SAC attempt, failed search, flush of every CPU, retry); with one thread there is
 * no fan-out, so the fan-out keys are absent. {@code --ops} is the run's total operation count;
 * nodes and fan-out do not change what it does.
 */
public final class ReferenceSweepRunner implements PointRunner {
    public static final String ENGINE = "reference";
    public static final String WORKLOAD = "sac-pressure";
    /** Virtual time per operation, for the 6.7 depot trim's clock. */
    private static final long OP_NANOS = 1_000;
    /**
     * The untimed run made once per policy before its first timed one, so the JIT has compiled
     * the loop and the flush path: at this many CPUs the load flushes often.
     */
    private static final long WARM_UP_OPS = 200_000;
    private static final int WARM_UP_CPUS = 64;

    private final Set<String> warm = new HashSet<>();

    @Override
    public void check(SweepPoint p) {
        if (!p.workload().equals(WORKLOAD)) {
            throw new IllegalArgumentException("--workload " + p.workload() + ": the sweep's built-in reference runner knows only "
                    + WORKLOAD);
        }
        Policy.byName(p.policy());
    }

    @Override
    public Map<String, Object> run(SweepPoint p) {
        Policy policy = Policy.byName(p.policy());
        if (warm.add(policy.name())) measure(policy, WARM_UP_CPUS, p.seed(), WARM_UP_OPS);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("policy", policy.name());
        report.put("engine", ENGINE);
        report.put("workload", WORKLOAD);
        report.put("cpus", p.cpus());
        report.put("nodes", p.nodes());
        report.put("seed", p.seed());
        report.put("ops", p.ops());
        report.putAll(measure(policy, p.cpus(), p.seed(), p.ops()));
        return report;
    }

    private static Map<String, Object> measure(Policy policy, int cpus, long seed, long ops) {
        IovaAllocator a = new IovaAllocator(policy, new DomainConfig(cpus, 4096, 1));
        SacPressureLoad load = new SacPressureLoad(cpus, seed);
        load.setup(a);
        Histogram allocNanos = new Histogram(3);
        Histogram flushNanos = new Histogram(3);
        WorkOp op = new WorkOp();
        AllocStats s = a.stats();
        long flushes = 0;
        long t0 = System.nanoTime();
        for (long i = 0; i < ops; i++) {
            int cpu = load.next(op);
            if (op.kind == WorkOp.FREE) {
                a.free(cpu, op.pfn, op.size);
            } else {
                long start = System.nanoTime();
                long pfn = a.map(cpu, op.size, op.limit);
                long took = System.nanoTime() - start;
                allocNanos.recordValue(took);
                if (s.flushes != flushes) {
                    flushes = s.flushes;
                    flushNanos.recordValue(took);
                }
                if (pfn != 0) load.hold(cpu, pfn, op.size);
            }
            if ((i & 63) == 0) a.advanceClock(i * OP_NANOS);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Conservation.Result check = Conservation.check(a, load::forEachHeld);
        return report(a, wall, ops, check.ok(), allocNanos, flushNanos);
    }

    private static Map<String, Object> report(IovaAllocator a, double wall, long ops, boolean conserved,
                                              Histogram allocNanos, Histogram flushNanos) {
        AllocStats s = a.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allocs", s.allocs);
        m.put("alloc_failed", s.failed);
        m.put("rcache_hits", s.rcacheHits());
        m.put("depot_hits", s.depotHits);
        m.put("tree_allocs", s.treeAllocs);
        m.put("flushes", s.flushes);
        m.put("flush_cpu_visits", s.flushCpuVisits);
        m.put("flushed_pfns", s.flushedPfns);
        m.put("flushed_pfns_useful", s.flushedUseful);
        m.put("flushed_pfns_useless", s.flushedUseless());
        m.put("work_units", a.workUnits());
        m.put("wall_seconds", wall);
        m.put("ops_per_second", ops / wall);
        m.put("conservation_ok", conserved);
        if (flushNanos.getTotalCount() > 0) {
            m.put("flush_latency_p50_us", micros(flushNanos, 50));
            m.put("flush_latency_p99_us", micros(flushNanos, 99));
            m.put("flush_latency_max_us", flushNanos.getMaxValue() / 1e3);
        }
        if (allocNanos.getTotalCount() > 0) {
            m.put("alloc_latency_p50_us", micros(allocNanos, 50));
            m.put("alloc_latency_p99_us", micros(allocNanos, 99));
        }
        return m;
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
