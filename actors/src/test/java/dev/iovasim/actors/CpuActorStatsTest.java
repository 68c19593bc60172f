package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A CPU actor answers Stats in every state: metrics must not wait for an operation's answer. */
class CpuActorStatsTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final long DMA32_PFN = (1L << 20) - 1;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void statsAreAnsweredWhileAnAllocationWaitsForTheTreeOwner() {
        TestProbe<TreeOwnerActor.Command> tree = KIT.createTestProbe();
        TestProbe<DepotActor.Command> depot = KIT.createTestProbe();
        ActorRef<CpuActor.Command> cpu = KIT.spawn(CpuActor.create(3, Policy.LINUX_6_1, DMA32_PFN, tree.ref(), depot.ref(),
                null, EngineSettings.defaults()));
        TestProbe<CpuActor.Allocated> allocated = KIT.createTestProbe();
        TestProbe<WorkloadDriver.CpuStats> stats = KIT.createTestProbe();
        // 64 pages is above the cached sizes: straight to the tree owner, which does not answer yet
        cpu.tell(new CpuActor.Alloc(64, DMA32_PFN, true, allocated.ref()));
        long op = tree.expectMessageClass(TreeOwnerActor.TreeAlloc.class).op();

        cpu.tell(new WorkloadDriver.Stats(stats.ref()));
        WorkloadDriver.CpuStats waiting = stats.receiveMessage();
        assertEquals(3, waiting.cpu());
        assertEquals(0, allocs(waiting), "the allocation is not done yet");
        assertEquals(0, new CpuFigures().add(waiting).latency(Outcome.TREE).getTotalCount());

        cpu.tell(new CpuActor.FromTree(1 << 12, 0, op));
        assertEquals(1 << 12, allocated.receiveMessage().pfn());
        cpu.tell(new WorkloadDriver.Stats(stats.ref()));
        WorkloadDriver.CpuStats idle = stats.receiveMessage();
        assertEquals(1, allocs(idle), "idle again, with the allocation counted");
        assertEquals(1, new CpuFigures().add(idle).latency(Outcome.TREE).getTotalCount(), "and its latency recorded");
    }

    private static long allocs(WorkloadDriver.CpuStats s) {
        AllocStats a = new AllocStats();
        a.addVector(s.stats());
        return a.get(Counter.ALLOCS);
    }
}
