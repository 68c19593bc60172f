package dev.iovasim.allocator.trace;

import static dev.iovasim.allocator.trace.LazyTraceTest.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v6.7 timers and CPU hotplug as the kernel runs them, checked against a userspace harness of
 * v6.7's iova.c and dma-iommu.c flush queue on a simulated clock (the expected lines are its
 * outputs for these traces): fq_flush_timeout before an iova_depot_work_func due at the same time,
 * the trim and the rcache flush counting online CPUs only, and a dead CPU's pending timer moved by
 * timers_dead_cpu() to the lowest online CPU. {@link KernelTimerTraces} builds the traces (the actor engine's
 * test replays the same ones).
 */
class KernelTimersTest {

    /**
     * At 100 ms fq_flush_timeout (timer softirq) runs first: its free pushes CPU 0's full loaded
     * magazine onto the depot; then iova_depot_work_func (a kworker, its delayed work's timer only
     * queued it) pops that newest magazine. Trim first would pop the older one: 1048068 at line 638.
     */
    @Test
    void fq_flush_timeoutRunsBeforeIova_depot_work_funcDueAtTheSameTime() throws Exception {
        List<String> out = replay(KernelTimerTraces.tie(), Policy.LINUX_6_7);
        assertEquals("1048195", out.get(637), "output line 638, the kernel's");
        assertEquals("# allocs 909 failed 0 rcache_hits 382 flushes 0 flushed_pfns 0", out.get(909));
        assertTrue(out.contains("# flush_queue queued 509 flushes 3 freed 509 still_queued 0"), out.subList(909, out.size()).toString());
    }

    /** iova_depot_work_func trims while depot_size > num_online_cpus(): 2 > 1 after cpudead 1. */
    @Test
    void iova_depot_work_funcKeepsOneMagazinePerOnlineCpu() throws Exception {
        List<String> out = replay(KernelTimerTraces.online(), Policy.LINUX_6_7);
        assertEquals("# allocs 909 failed 0 rcache_hits 381 flushes 0 flushed_pfns 0", out.get(909));
    }

    /**
     * alloc_iova_fast's flush visits for_each_online_cpu: not a CPU since its cpudead, until an
     * operation uses it again (it came back online).
     */
    @Test
    void alloc_iova_fastFlushVisitsOnlineCpusOnly() {
        IovaAllocator a = new IovaAllocator(Policy.LINUX_6_7, new DomainConfig(4, 4096, 1048574), true);
        a.cpuDead(1);
        a.cpuDead(3);
        assertEquals(2, a.onlineCpus());
        assertEquals(1048575, a.alloc(0, 1, 1048575, true));
        assertEquals(1048574, a.alloc(0, 1, 1048575, true));
        assertEquals(0, a.alloc(0, 1, 1048575, true), "space full: one flush");
        assertEquals(2, a.stats().get(Counter.FLUSH_CPU_VISITS), "CPUs 0 and 2");
        a.free(3, 1048575, 1);
        assertEquals(3, a.onlineCpus(), "CPU 3 is back");
        assertEquals(1048575, a.alloc(0, 1, 1048575, true), "the flush returned CPU 3's magazine; the retry took its pfn");
        assertEquals(2 + 3, a.stats().get(Counter.FLUSH_CPU_VISITS), "CPUs 0, 2 and 3");
    }

    /**
     * timers_dead_cpu() moves the fq timer pending on the dying CPU 1 to the unplugging CPU (here
     * the lowest online, 0): fq_flush_timeout frees the entry into CPU 0's rcache, whose next
     * allocation hits it. Left on CPU 1 the entry went to an offline CPU no flush visits.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lazy", "lazy-single"})
    void timers_dead_cpuMovesThePendingFqTimerToAnOnlineCpu(String mode) throws Exception {
        long clock = mode.equals("lazy") ? 10_000_000 : 1_000_000_000;
        for (Policy p : List.of(Policy.LINUX_6_7, PolicySwitches.apply(Policy.LINUX_6_4, "invalidation=" + mode))) {
            List<String> out = replay(KernelTimerTraces.deadTimer(mode, clock), p);
            assertEquals(List.of("1048575", "1048575", "# allocs 2 failed 0 rcache_hits 1 flushes 0 flushed_pfns 0"),
                    out.subList(0, 3), p.name());
        }
    }

    /** lazy-single ("iommu/dma: Use a large flush queue and timeout for shadow_on_flush") came with v6.7. */
    @Test
    void aLazySingleHeaderIsRefusedUnderOlderPresetsUnlessSetAsAWhatIf() throws Exception {
        String trace = KernelTimerTraces.deadTimer("lazy-single", 1_000_000_000);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> replay(trace, Policy.LINUX_6_4));
        assertTrue(e.getMessage().contains("linux-6.4 (v6.4 - v6.6) predates the single flush queue (v6.7)"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> replay(trace, Policy.LINUX_4_14));
        assertEquals("1048575", replay(trace, PolicySwitches.apply(Policy.LINUX_6_4, "invalidation=lazy-single")).get(1));
    }
}
