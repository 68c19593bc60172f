package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A CPU answers a flush with its magazines' own arrays ({@link FlushingCaches}, {@link dev.iovasim.allocator.CpuCaches#handOver}): the
 * answer owns them, so neither a refill nor the next flush of the same CPU can change an answer
 * still on its way, and a late one still returns exactly its own pfns to the tree.
 */
class FlushHandOverTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withAskTimeout(ASK);
    private static final int PER_MAGAZINE = 4;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static long[] pfns(long from, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = from + i;
        return out;
    }

    @Test
    void anAnswerKeepsItsPfnsThroughTheNextRefillAndFlush() {
        CpuCaches caches = new CpuCaches(Policy.LINUX_6_1.magazineSize(), Policy.LINUX_6_1.rcacheClasses());
        long[] a = pfns(1000, 12 * PER_MAGAZINE);
        long[] b = pfns(5000, 12 * PER_MAGAZINE);
        caches.fill(a, PER_MAGAZINE);
        PfnRuns first = caches.handOver(PfnRuns::new);
        assertEquals(0, caches.cachedPfns(), "the magazines are empty after the flush");
        caches.fill(b, PER_MAGAZINE);
        PfnRuns second = caches.handOver(PfnRuns::new);
        assertArrayEquals(a, first.toArray(), "the first answer is unchanged by the refill after it");
        assertArrayEquals(b, second.toArray());
        for (int i = 0; i < first.runCount(); i++) assertNotSame(first.run(i), second.run(i), "run " + i);
    }

    /**
     * The hand-over reads neither array, so a magazine with no array since the last flush answers a
     * run without one: every reader of the answer takes it as 0 pfns.
     */
    @Test
    void emptyMagazinesAnswerNothing() {
        CpuCaches caches = new CpuCaches(Policy.LINUX_6_1.magazineSize(), Policy.LINUX_6_1.rcacheClasses());
        caches.tryPush(2, 77);
        PfnRuns answer = caches.handOver(PfnRuns::new);
        assertEquals(1, answer.size());
        assertArrayEquals(new long[] {77}, answer.toArray());
        PfnRuns second = caches.handOver(PfnRuns::new);
        assertEquals(0, second.size(), "a second flush finds nothing");
        assertEquals(0, second.toArray().length);
        assertEquals(5, second.copyTo(new long[5], 5));
        second.forEach(pfn -> {
            throw new AssertionError("no pfn expected, got " + pfn);
        });
        for (int i = 0; i < second.runCount(); i++) assertEquals(0, second.run(i).length, "run " + i + " has no array");
        caches.tryPush(2, 78);
        assertArrayEquals(new long[] {78}, caches.handOver(PfnRuns::new).toArray(), "a push after it takes a new array");
    }

    /**
     * Flush 1's answer is held back past its gather's timeout; the CPU is refilled and flush 2 is
     * gathered; then flush 1's answer arrives: it still holds the first refill's pfns, and they go
     * back to the tree (every range freed once: the conservation check sees none live).
     */
    @Test
    void aLateAnswerAfterTheNextFlushReturnsItsOwnPfns() {
        IovaDomain domain = new IovaDomain(Policy.LINUX_6_1.search(), true, 4096, 1);
        long[] a = TreeBench.preloadPfns(domain, PER_MAGAZINE, TreeBench.LIMIT);
        long[] b = TreeBench.preloadPfns(domain, PER_MAGAZINE, TreeBench.LIMIT);
        ActorRef<TreeOwnerActor.Command> owner = KIT.spawn(TreeOwnerActor.create(Policy.LINUX_6_1, domain, SETTINGS, () -> 0));
        TestProbe<CpuActor.Command> relay = KIT.createTestProbe();
        TestProbe<DepotActor.Command> depot = KIT.createTestProbe();
        TestProbe<TreeOwnerActor.Command> held = KIT.createTestProbe();
        ActorRef<CpuActor.Command> cpu = KIT.spawn(CpuActor.create(0, Policy.LINUX_6_1, (1L << 20) - 1, owner,
                depot.ref(), null, SETTINGS));
        owner.tell(new FanOutTargets.Attach(List.of(relay.ref()), depot.ref()));
        TestProbe<TreeBench.BenchRound> bench = KIT.createTestProbe();

        cpu.tell(new CpuActor.Preload(a, PER_MAGAZINE, held.ref()));
        held.expectMessageClass(TreeBench.Preloaded.class);
        owner.tell(new TreeBench.BenchFlush(bench.ref()));
        long round1 = relay.expectMessageClass(CpuActor.Flush.class).round();
        depot.expectMessageClass(DepotActor.Drain.class).replyTo().tell(new FlushCoordinator.DepotDrained(round1, new long[0]));
        cpu.tell(new CpuActor.Flush(round1, held.ref().narrow())); // the answer is held back
        FlushCoordinator.Flushed late = (FlushCoordinator.Flushed) held.receiveMessage();
        for (int tick = 0; tick <= Gather.TICKS_PER_TIMEOUT; tick++) TIME.timePasses(ASK.dividedBy(Gather.TICKS_PER_TIMEOUT));
        assertEquals(0, bench.receiveMessage().pfns(), "flush 1 went on without the CPU");

        cpu.tell(new CpuActor.Preload(b, PER_MAGAZINE, held.ref()));
        held.expectMessageClass(TreeBench.Preloaded.class);
        owner.tell(new TreeBench.BenchFlush(bench.ref()));
        CpuActor.Flush second = relay.expectMessageClass(CpuActor.Flush.class);
        depot.expectMessageClass(DepotActor.Drain.class).replyTo().tell(new FlushCoordinator.DepotDrained(second.round(), new long[0]));
        cpu.tell(second);
        assertEquals(b.length, bench.receiveMessage().pfns(), "flush 2 gathers the second refill");

        assertEquals(round1, late.round());
        assertArrayEquals(a, late.pfns().toArray(), "the held answer still carries the first refill");
        owner.tell(late);
        TestProbe<ConservationSurvey.Checked> checked = KIT.createTestProbe();
        owner.tell(new ConservationSurvey.Check(new long[0], checked.ref()));
        relay.expectMessageClass(CpuActor.Survey.class);
        depot.expectMessageClass(DepotActor.Survey.class);
        owner.tell(new ConservationSurvey.CpuHoldings(0, new long[0], new long[0]));
        owner.tell(new ConservationSurvey.DepotHoldings(new long[0]));
        ConservationSurvey.Checked c = checked.receiveMessage();
        assertTrue(c.ok(), c.problem());
        assertEquals(0, c.liveRanges(), "both refills' pfns are back in the tree, each once");
    }
}
