package dev.iovasim.actors.bench;

import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorRunResult;
import dev.iovasim.actors.ChurnWorkload;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.WorkOp;
import java.util.Locale;

/**
 * Free-running throughput of the actor engine against the synchronous IovaAllocator driving the
 * same churn in one thread (CPUs taken round-robin). Run by hand; numbers go to docs/actors-notes.md:
 * {@code java -Xmx512m -cp actors/target/iovasim.jar:actors/target/test-classes dev.iovasim.actors.bench.ChurnBench CPUS OPS_PER_CPU [sync]}
 */
public final class ChurnBench {
    private ChurnBench() {
    }

    public static void main(String[] args) {
        int cpus = Integer.parseInt(args[0]);
        long ops = Long.parseLong(args[1]);
        boolean sync = args.length > 2 && args[2].equals("sync");
        ChurnWorkload w = new ChurnWorkload(25, 0);
        Policy p = Policy.LINUX_6_1;
        if (sync) {
            for (int i = 0; i < 3; i++) synchronous(p, w, cpus, ops);
            return;
        }
        for (int i = 0; i < 3; i++) {
            ActorRunResult r = FreeRun.run(p, w.domain(cpus), w, cpus, ops, 1, null, null, EngineSettings.defaults(),
                    done -> { }, FreeRun.Live.NONE);
            System.out.printf(Locale.ROOT, "actors: %d cpus, %d ops in %.2f s = %.0f ops/s; hit rate %.3f; flushes %d;"
                            + " alloc latency p50 %.2f us p99 %.2f us; conservation %s; errors %d; heap used %d MB%n",
                    cpus, r.ops(), r.seconds(), r.ops() / r.seconds(), r.stats().hitRate(), r.flushLatency().count(),
                    r.allocLatency().p50Us(), r.allocLatency().p99Us(), r.conservation().ok() ? "ok" : r.conservation().problem(),
                    r.errors(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    private static void synchronous(Policy p, ChurnWorkload w, int cpus, long ops) {
        IovaAllocator a = new IovaAllocator(p, w.domain(cpus), true);
        CpuWorkload[] cw = new CpuWorkload[cpus];
        for (int c = 0; c < cpus; c++) cw[c] = w.forCpu(c, cpus, 1, ops);
        WorkOp op = new WorkOp();
        long done = 0;
        long start = System.nanoTime();
        boolean any = true;
        while (any) {
            any = false;
            for (int c = 0; c < cpus; c++) {
                if (!cw[c].next(op)) continue;
                any = true;
                done++;
                if (op.kind == WorkOp.FREE) {
                    a.free(c, op.pfn, op.size);
                } else {
                    long pfn = op.kind == WorkOp.MAP ? a.map(c, op.size, op.limit) : a.alloc(c, op.size, op.limit, op.flush);
                    if (pfn != 0) cw[op.freeCpu].adopt(pfn, op.size);
                }
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sync reference: %d cpus, %d ops in %.2f s = %.0f ops/s; hit rate %.3f%n",
                cpus, done, s, done / s, a.stats().hitRate());
    }
}
