package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.trace.KernelTimerTraces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The actor engine on the traces where the v6.7 kernel's timers and CPU hotplug set the order
 * ({@link KernelTimerTraces}): the reference engine's output line for line, and the kernel's lines
 * (the allocator module's KernelTimersTest). fq_flush_timeout runs before an iova_depot_work_func
 * due at the same time (the clock actor asks the depot for the trims due before, then after);
 * the depot's trim and the tree owner's flush count online CPUs (told by the replay's driver
 * before the next line); timers_dead_cpu() moves the clock actor's pending timer off a dead CPU.
 */
class ActorKernelTimersTest {

    private static List<String> sameOnBothEngines(String trace, Policy p) throws Exception {
        byte[] bytes = trace.getBytes(StandardCharsets.US_ASCII);
        EngineComparison.requireSameOutput(p.name(), bytes, p);
        return EngineComparison.reference(bytes, p);
    }

    /** fq_flush_timeout (timer softirq) before iova_depot_work_func (kworker), both due at 100 ms. */
    @Test
    void fq_flush_timeoutRunsBeforeIova_depot_work_funcDueAtTheSameTime() throws Exception {
        List<String> out = sameOnBothEngines(KernelTimerTraces.tie(), Policy.LINUX_6_7);
        assertEquals("1048195", out.get(637), "output line 638, the kernel's");
        assertEquals("# allocs 909 failed 0 rcache_hits 382 flushes 0 flushed_pfns 0", out.get(909));
    }

    /** iova_depot_work_func trims while depot_size > num_online_cpus(). */
    @Test
    void iova_depot_work_funcKeepsOneMagazinePerOnlineCpu() throws Exception {
        List<String> out = sameOnBothEngines(KernelTimerTraces.online(), Policy.LINUX_6_7);
        assertEquals("# allocs 909 failed 0 rcache_hits 381 flushes 0 flushed_pfns 0", out.get(909));
    }

    /** timers_dead_cpu(): the pending fq timer of dying CPU 1 fires on CPU 0, the lowest online. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lazy", "lazy-single"})
    void timers_dead_cpuMovesThePendingFqTimerToAnOnlineCpu(String mode) throws Exception {
        long clock = mode.equals("lazy") ? 10_000_000 : 1_000_000_000;
        List<String> out = sameOnBothEngines(KernelTimerTraces.deadTimer(mode, clock),
                PolicySwitches.apply(Policy.LINUX_6_4, "invalidation=" + mode));
        assertEquals(List.of("1048575", "1048575", "# allocs 2 failed 0 rcache_hits 1 flushes 0 flushed_pfns 0"), out.subList(0, 3));
    }

    /** alloc_iova_fast's flush visits for_each_online_cpu; a CPU used after its cpudead is online again. */
    @Test
    void alloc_iova_fastFlushVisitsOnlineCpusOnly() {
        try (ActorTarget a = ActorTarget.create(Policy.LINUX_6_7, new DomainConfig(4, 4096, 1048574), true, EngineSettings.defaults())) {
            a.cpuDead(1);
            a.cpuDead(3);
            assertEquals(1048575, a.alloc(0, 1, 1048575, true));
            assertEquals(1048574, a.alloc(0, 1, 1048575, true));
            assertEquals(0, a.alloc(0, 1, 1048575, true), "space full: one flush");
            assertEquals(2, a.stats().get(Counter.FLUSH_CPU_VISITS), "CPUs 0 and 2");
            a.free(3, 1048575, 1);
            assertEquals(1048575, a.alloc(0, 1, 1048575, true), "the flush returned CPU 3's magazine; the retry took its pfn");
            assertEquals(2 + 3, a.stats().get(Counter.FLUSH_CPU_VISITS), "CPUs 0, 2 and 3");
        }
    }
}
