package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Free-running {@code simulate --engine actors --invalidation lazy --irq-cpus ...} in one JVM:
 * maps on the submitting CPU, unmaps on its IRQ CPU (queue_iova into that CPU actor's ring), the
 * timer on the CPUs' virtual clock (fq_flush_timeout freeing on the CPU that armed it). At the end
 * no pfn is lost or handed out twice (the conservation survey counts the queued IOVAs), every
 * operation ran, and the timer flushed.
 */
class LazyFreeRunTest {
    private static final int CPUS = 8;

    @ParameterizedTest(name = "{0} {1} irq={3}")
    @CsvSource({
        "storage:gap-ns=20000, linux-4.14+invalidation=lazy, 2000, 0-1",
        "storage:gap-ns=20000, linux-6.1+invalidation=lazy, 2000, 0-1",
        "storage:gap-ns=20000, linux-6.7+invalidation=lazy, 2000, 0-1",
        "storage:gap-ns=5000, linux-6.1+invalidation=lazy, 3000, 0",
        "nic:gap-ns=20000, linux-6.7+invalidation=lazy, 2000, -",
        "storage:gap-ns=20000, linux-6.1, 2000, 0;3",
        // lazy-single: the timer actor's one queue and its 1 s timer (the CPUs' clocks pass 2 s)
        "storage:gap-ns=1000000, linux-6.7+invalidation=lazy-single, 2000, 0-1",
        "nic:gap-ns=1000000, linux-6.1+invalidation=lazy-single, 2000, -",
    })
    void conservedAndTimed(String spec, String policy, long ops, String irq) {
        Policy p = Policy.byName(policy);
        Workload w = WorkloadCatalogue.byName(spec);
        IrqCpus irqCpus = irq.equals("-") ? null : IrqCpus.parse(irq.replace(';', ','), CPUS);
        RunSpec s = RunSpec.of(p, w, CPUS, ops, 5);
        EngineSettings settings = EngineSettings.defaults().withAskTimeout(Duration.ofSeconds(20));
        ActorRunResult r = FreeRun.run(p, s.domain(), w, CPUS, ops, 5, irqCpus, null, settings, done -> { }, FreeRun.Live.NONE);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        assertEquals(0, r.errors(), () -> "errors: " + r.firstError());
        long reference = new ReferenceEngine().run(irqCpus == null ? s : s.withIrqCpus(irqCpus), ProgressListener.NONE)
                .longValue("ops");
        assertEquals(reference, r.ops(), "every CPU's share and the setup ran, each unmap counted once wherever it ran");
        if (p.invalidation().lazy()) {
            assertTrue(r.stats().get(Counter.FQ_QUEUED) > 0, "unmaps were queued");
            assertTrue(r.stats().get(Counter.FQ_TIMER_FLUSHES) > 0, "fq_flush_timeout ran: " + r.stats().get(Counter.FQ_FLUSHES) + " flushes");
            assertTrue(r.stats().get(Counter.FQ_FREED) <= r.stats().get(Counter.FQ_QUEUED));
            assertEquals(r.stats().get(Counter.FQ_FREED), r.stats().get(Counter.FREES), "every free went through a flush queue");
        } else {
            assertEquals(0, r.stats().get(Counter.FQ_QUEUED));
            assertTrue(r.stats().get(Counter.FREES) > 0);
        }
    }
}
