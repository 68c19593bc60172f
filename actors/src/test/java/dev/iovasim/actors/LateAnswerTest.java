package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rule "a timed-out request never loses a pfn" ({@link LateAnswers}): an answer that comes
 * after its request timed out is given back to the tree owner, never dropped and never taken for
 * the answer to a later request, and the tree owner applies what comes back, and a flush's late
 * answers, even while it surveys. Time is manual: a timeout fires only when the test says so.
 */
class LateAnswerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withAskTimeout(ASK);
    private static final long DMA32_PFN = (1L << 20) - 1;
    /** Above the cached sizes: an allocation of 64 pages goes straight to the tree owner. */
    private static final long UNCACHED = 64;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<CpuActor.Command> cpu(int id, ActorRef<TreeOwnerActor.Command> tree,
                                                  ActorRef<DepotActor.Command> depot) {
        return KIT.spawn(CpuActor.create(id, Policy.LINUX_6_1, DMA32_PFN, tree, depot, null, SETTINGS));
    }

    /** CPU 2 with probes for its tree owner, its depot and its driver. */
    private static final class Probed {
        final TestProbe<TreeOwnerActor.Command> tree = KIT.createTestProbe();
        final TestProbe<DepotActor.Command> depot = KIT.createTestProbe();
        final TestProbe<CpuActor.Allocated> allocated = KIT.createTestProbe();
        final ActorRef<CpuActor.Command> cpu = cpu(2, tree.ref(), depot.ref());
    }

    @Test
    void aTreeAllocationAnsweredAfterItsTimeoutGoesBackToTheTree() {
        Probed p = new Probed();
        p.cpu.tell(new CpuActor.Alloc(UNCACHED, DMA32_PFN, true, p.allocated.ref()));
        long first = p.tree.expectMessageClass(TreeOwnerActor.TreeAlloc.class).op();
        TIME.timePasses(ASK.plusMillis(1));
        assertEquals(0, p.allocated.receiveMessage().pfn(), "the timed-out allocation fails");

        // the answer comes while the CPU is idle: its pfn goes back
        p.cpu.tell(new CpuActor.FromTree(0x1000, 0, first));
        TreeOwnerActor.LateReturn back = p.tree.expectMessageClass(TreeOwnerActor.LateReturn.class);
        assertEquals(2, back.cpu());
        assertArrayEquals(new long[] {0x1000}, back.pfns());

        // a late answer while the CPU waits for its next request is not that request's answer
        p.cpu.tell(new CpuActor.Alloc(UNCACHED, DMA32_PFN, true, p.allocated.ref()));
        long second = p.tree.expectMessageClass(TreeOwnerActor.TreeAlloc.class).op();
        assertNotEquals(first, second, "each request has a tag of its own");
        p.cpu.tell(new CpuActor.FromTree(0x2000, 0, first));
        assertArrayEquals(new long[] {0x2000}, p.tree.expectMessageClass(TreeOwnerActor.LateReturn.class).pfns());
        p.cpu.tell(new CpuActor.FromTree(0x3000, 0, second));
        assertEquals(0x3000, p.allocated.receiveMessage().pfn(), "the awaited answer is served");
        p.tree.expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void aDepotMagazineAnsweredAfterItsTimeoutGoesBackToTheTree() {
        Probed p = new Probed();
        // one page, magazines empty: the CPU asks the depot for a full magazine
        p.cpu.tell(new CpuActor.Alloc(1, DMA32_PFN, true, p.allocated.ref()));
        long op = p.depot.expectMessageClass(DepotActor.TakeFull.class).op();
        TIME.timePasses(ASK.plusMillis(1));
        assertEquals(0, p.allocated.receiveMessage().pfn());

        p.cpu.tell(new CpuActor.FromDepot(new long[] {7, 8, 9}, op));
        assertArrayEquals(new long[] {7, 8, 9}, p.tree.expectMessageClass(TreeOwnerActor.LateReturn.class).pfns());
        // and a late free's completion is no one's answer: nothing else happens
        p.cpu.tell(new CpuActor.Applied(CpuActor.TO_TREE, 0, op));
        p.tree.expectNoMessage(Duration.ofMillis(50));
        p.depot.expectNoMessage(Duration.ofMillis(50));
    }

    /** The soak's failure, replayed: the tree owner's answer comes after the CPU gave up; the check still holds. */
    @Test
    void conservationHoldsWhenTheTreeOwnerAnswersAfterTheTimeout() {
        IovaDomain domain = new IovaDomain(Policy.LINUX_6_1.search(), true, 4096, 1);
        ActorRef<TreeOwnerActor.Command> owner = KIT.spawn(TreeOwnerActor.create(Policy.LINUX_6_1, domain, SETTINGS, () -> 0));
        ActorRef<DepotActor.Command> depot = KIT.spawn(DepotActor.create(Policy.LINUX_6_1, owner, 1, false));
        // the CPU's way to the tree owner runs through the test, which holds the request back
        TestProbe<TreeOwnerActor.Command> delay = KIT.createTestProbe();
        TestProbe<CpuActor.Allocated> allocated = KIT.createTestProbe();
        ActorRef<CpuActor.Command> cpu = cpu(0, delay.ref(), depot);
        owner.tell(new FanOutTargets.Attach(List.of(cpu), depot));

        cpu.tell(new CpuActor.Alloc(UNCACHED, DMA32_PFN, true, allocated.ref()));
        TreeOwnerActor.TreeAlloc held = delay.expectMessageClass(TreeOwnerActor.TreeAlloc.class);
        TIME.timePasses(ASK.plusMillis(1));
        assertEquals(0, allocated.receiveMessage().pfn());

        owner.tell(held); // the tree owner allocates for a CPU that no longer waits
        TreeOwnerActor.LateReturn back = delay.expectMessageClass(TreeOwnerActor.LateReturn.class);
        assertEquals(1, back.pfns().length);
        assertTrue(back.pfns()[0] != 0, "the allocation succeeded in the tree");
        owner.tell(back);

        TestProbe<ConservationSurvey.Checked> checked = KIT.createTestProbe();
        owner.tell(new ConservationSurvey.Check(new long[0], checked.ref()));
        ConservationSurvey.Checked c = checked.receiveMessage();
        assertTrue(c.ok(), c.problem());
        assertEquals(0, c.liveRanges(), "the late allocation is back in the tree");
    }

    /** A flush answer that comes after the flush gave up, during a survey, is in no holding: the tree takes it at once. */
    @Test
    void aFlushAnswerArrivingDuringTheSurveyIsNotMissed() {
        IovaDomain domain = new IovaDomain(Policy.LINUX_6_1.search(), true, 4096, 1);
        ActorRef<TreeOwnerActor.Command> owner = KIT.spawn(TreeOwnerActor.create(Policy.LINUX_6_1, domain, SETTINGS, () -> 0));
        TestProbe<CpuActor.Command> cpu = KIT.createTestProbe();
        TestProbe<DepotActor.Command> depot = KIT.createTestProbe();
        owner.tell(new FanOutTargets.Attach(List.of(cpu.ref()), depot.ref()));
        owner.tell(new TreeOwnerActor.TreeAlloc(0, 1, 1000, false, 1, cpu.ref(), TreeVisitBook.WHOLE));
        long pfn = cpu.expectMessageClass(CpuActor.FromTree.class).pfn();

        TestProbe<TreeBench.BenchRound> bench = KIT.createTestProbe();
        owner.tell(new TreeBench.BenchFlush(bench.ref()));
        long round = cpu.expectMessageClass(CpuActor.Flush.class).round();
        depot.expectMessageClass(DepotActor.Drain.class).replyTo().tell(new FlushCoordinator.DepotDrained(round, new long[0]));
        // the gather clock ticks every quarter timeout; a gather gives up within 1.25 timeouts
        for (int tick = 0; tick <= Gather.TICKS_PER_TIMEOUT; tick++) TIME.timePasses(ASK.dividedBy(Gather.TICKS_PER_TIMEOUT));
        bench.receiveMessage(); // the flush went on without the CPU

        TestProbe<ConservationSurvey.Checked> checked = KIT.createTestProbe();
        owner.tell(new ConservationSurvey.Check(new long[0], checked.ref()));
        cpu.expectMessageClass(CpuActor.Survey.class);
        depot.expectMessageClass(DepotActor.Survey.class);
        owner.tell(new FlushCoordinator.Flushed(0, round, PfnRuns.of(new long[] {pfn})));
        owner.tell(new ConservationSurvey.CpuHoldings(0, new long[0], new long[0]));
        owner.tell(new ConservationSurvey.DepotHoldings(new long[0]));
        ConservationSurvey.Checked c = checked.receiveMessage();
        assertTrue(c.ok(), c.problem());
    }
}
