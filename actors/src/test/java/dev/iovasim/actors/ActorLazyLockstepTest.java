package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.OpTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The actor engine in lock-step with the reference engine on the simulated clock: a reference
 * run's trace (its clock lines, its frees on IRQ CPUs) replayed on both engines prints the same
 * lines and ends with the same flush-queue counters. Under lazy invalidation each free line is
 * queue_iova on its CPU actor: fq_ring_free of what the finish counter allows, through that CPU's
 * free_iova_fast; a ring still full asks the {@link FlushTimerActor} for fq_flush_iotlb first. A
 * clock line past the timer's due time runs fq_flush_timeout as messages: the depot's trims due
 * by then (6.7), the IOTLB flush, every CPU's ring drained in CPU order and the entries freed on
 * the CPU that armed the timer. Strict 6.7 with clock lines checks the depot trim alone. Under
 * lazy-single the one ring is the timer actor's: queue_iova is done there, and the entries it
 * frees go back to the unmapping CPU's free_iova_fast (the kernel's single_fq, dma-iommu.c v6.7+).
 */
class ActorLazyLockstepTest {
    @TempDir
    Path dir;

    /** {@code expect}: what the run must have done, of timer (fq_flush_timeout), full (a full ring's flush), trim, flush (rcache flush). */
    @ParameterizedTest(name = "{0} {1} cpus={2} irq={4}")
    @CsvSource({
        "storage:gap-ns=20000, linux-4.14+invalidation=lazy, 8, 800, 0-1, timer full",
        "storage:gap-ns=20000, linux-6.1+invalidation=lazy, 8, 800, 0-1, timer full",
        "storage:gap-ns=20000, linux-6.7+invalidation=lazy, 8, 800, 0-1, timer full",
        "storage:gap-ns=2000, linux-6.1+invalidation=lazy, 4, 6000, 0, timer full",
        "nic:gap-ns=20000, linux-6.7+invalidation=lazy, 4, 1500, -, timer full",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7+invalidation=lazy, 4, 6000, -, timer trim",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7, 4, 6000, -, trim",
        "sac-pressure, linux-4.14+invalidation=lazy, 8, 300, 0-3, full flush",
        "mixed, linux-6.7+invalidation=lazy, 8, 600, 0;4, full",
        // lazy-single: the one queue is the timer actor's; its 1 s timer, and a full ring (32767 entries)
        "storage:gap-ns=2000000, linux-6.7+invalidation=lazy-single, 8, 800, 0-1, timer",
        "storage:gap-ns=2000, linux-6.7+invalidation=lazy-single, 4, 20000, 0, full",
        "sac-pressure, linux-4.14+invalidation=lazy-single, 8, 300, 0-3, flush",
    })
    void replayOnActorsEqualsTheReference(String workload, String policy, int cpus, long ops, String irq, String expect)
            throws Exception {
        Policy p = Policy.byName(policy);
        byte[] trace = EngineComparison.referenceTrace(dir, workload, p, cpus, ops, irq);
        String label = workload + " " + policy;

        EngineComparison.requireSameOutput(label, trace, p);

        AllocStats ref = replayStats(trace, p, false);
        AllocStats act = replayStats(trace, p, true);
        assertArrayEquals(fq(ref), fq(act), label + ": queued, flushes, full, timer, freed, batches, frees, trims");
        List<String> e = List.of(expect.split(" "));
        assertEquals(e.contains("timer"), act.get(Counter.FQ_TIMER_FLUSHES) > 0, label + ": fq_flush_timeout ran " + act.get(Counter.FQ_TIMER_FLUSHES));
        assertEquals(e.contains("full"), act.get(Counter.FQ_FULL_FLUSHES) > 0, label + ": full rings flushed " + act.get(Counter.FQ_FULL_FLUSHES));
        assertEquals(e.contains("trim"), act.get(Counter.TRIMS) > 0, label + ": depot trims " + act.get(Counter.TRIMS));
        assertEquals(e.contains("flush"), act.get(Counter.FLUSHES) > 0, label + ": rcache flushes " + act.get(Counter.FLUSHES));
    }

    private static long[] fq(AllocStats s) {
        return new long[] {s.get(Counter.FQ_QUEUED), s.get(Counter.FQ_FLUSHES), s.get(Counter.FQ_FULL_FLUSHES), s.get(Counter.FQ_TIMER_FLUSHES), s.get(Counter.FQ_FREED),
            s.get(Counter.FQ_BATCHES),
            s.get(Counter.FREES), s.get(Counter.FREES_TO_MAGAZINE), s.get(Counter.FREES_TO_DEPOT), s.get(Counter.FREES_TO_TREE),
            s.get(Counter.TRIMS), s.get(Counter.TRIMMED_PFNS), s.get(Counter.FLUSHES), s.get(Counter.FLUSHED_PFNS)};
    }

    private static AllocStats replayStats(byte[] trace, Policy p, boolean actors) throws Exception {
        OpTarget[] target = new OpTarget[1];
        AllocStats[] stats = new AllocStats[1];
        new Replay(cfg -> target[0] = new StatsOnClose(actors ? ActorTarget.create(p, cfg, true, EngineSettings.defaults())
                : AllocatorTarget.create(p, cfg, true), stats), w -> { }, 0)
                .run(new ByteArrayInputStream(trace), new ByteArrayOutputStream());
        return stats[0];
    }

    /** Keeps the engine's counters as replay closes it. */
    private record StatsOnClose(OpTarget t, AllocStats[] into) implements OpTarget {
        public long alloc(int cpu, long size, long limit, boolean flush) {
            return t.alloc(cpu, size, limit, flush);
        }

        public long map(int cpu, long size, long limit, int device) {
            return t.map(cpu, size, limit, device);
        }

        public int lastOutcome() {
            return t.lastOutcome();
        }

        public void free(int cpu, long pfn, long size) {
            t.free(cpu, pfn, size);
        }

        public void unmap(int cpu, long pfn, long size) {
            t.unmap(cpu, pfn, size);
        }

        public void invalidation(dev.iovasim.allocator.Invalidation mode) {
            t.invalidation(mode);
        }

        public void advanceClock(long nanos) {
            t.advanceClock(nanos);
        }

        public void cpuDead(int cpu) {
            t.cpuDead(cpu);
        }

        public boolean reserve(long lo, long hi) {
            return t.reserve(lo, hi);
        }

        public AllocStats stats() {
            return t.stats();
        }

        public dev.iovasim.allocator.Conservation.Result check(dev.iovasim.allocator.Conservation.Holdings held) {
            return t.check(held);
        }

        public String engineName() {
            return t.engineName();
        }

        public void close() {
            into[0] = t.stats();
            t.close();
        }
    }
}
