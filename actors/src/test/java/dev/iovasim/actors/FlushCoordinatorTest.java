package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorIdentity;
import akka.actor.Identify;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The flush coordinator as a child actor of the tree owner, one per flush: two flushes never
 * share a child; the child is gone once its flush is (no child left after 1,000 flushes); a CPU
 * lost mid-flush ends the gather; an answer that comes after the child went on without it still
 * reaches the tree (the child stays for it and hands it on). Time is manual: the gather clock
 * ticks only when a test says so.
 */
class FlushCoordinatorTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withAskTimeout(ASK);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static IovaDomain domain() {
        return new IovaDomain(Policy.LINUX_6_1.search(), true, 4096, 1);
    }

    /** A tree owner whose CPUs are probes (the test answers for them) and whose depot is a probe. */
    private static final class Owner {
        final ActorRef<TreeOwnerActor.Command> ref;
        final List<TestProbe<CpuActor.Command>> cpus = new ArrayList<>();
        final TestProbe<DepotActor.Command> depot = KIT.createTestProbe();
        final TestProbe<TreeBench.BenchRound> bench = KIT.createTestProbe();

        Owner(IovaDomain domain, int cpuCount) {
            ref = KIT.spawn(TreeOwnerActor.create(Policy.LINUX_6_1, domain, SETTINGS, () -> 0));
            List<ActorRef<CpuActor.Command>> refs = new ArrayList<>();
            for (int c = 0; c < cpuCount; c++) {
                cpus.add(KIT.createTestProbe());
                refs.add(cpus.get(c).ref());
            }
            ref.tell(new FanOutTargets.Attach(refs, depot.ref()));
        }

        /** Starts a flushbench round; answers the depot's drain with nothing; returns each CPU's Flush. */
        List<CpuActor.Flush> flush() {
            start();
            return sent();
        }

        void start() {
            ref.tell(new TreeBench.BenchFlush(bench.ref()));
        }

        List<CpuActor.Flush> sent() {
            List<CpuActor.Flush> flushes = new ArrayList<>();
            for (TestProbe<CpuActor.Command> c : cpus) flushes.add(c.expectMessageClass(CpuActor.Flush.class));
            DepotActor.Drain drain = depot.expectMessageClass(DepotActor.Drain.class);
            drain.replyTo().tell(new FlushCoordinator.DepotDrained(drain.round(), new long[0]));
            return flushes;
        }
    }

    private static long allocate(Owner o) {
        TestProbe<CpuActor.Command> reply = KIT.createTestProbe();
        o.ref.tell(new TreeOwnerActor.TreeAlloc(0, 1, 1000, false, 1, reply.ref(), TreeVisitBook.WHOLE));
        long pfn = reply.expectMessageClass(CpuActor.FromTree.class).pfn();
        assertNotEquals(0, pfn);
        return pfn;
    }

    /**
     * Waits until the owner has {@code n} children. The owner spawns the next flush's coordinator
     * after it answered, so the answer (and a stopped child's end) can reach the test first:
     * counted once, this failed 2 runs of 5 at load 4-8.
     */
    private static void awaitChildren(ActorRef<?> owner, int n, String why) {
        KIT.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
            assertEquals(n, children(owner), why);
            return null;
        });
    }

    /** The owner's children now, by asking its path's every child who it is (a classic Identify). */
    private static int children(ActorRef<?> owner) {
        TestProbe<Object> who = KIT.createTestProbe();
        Adapter.toClassic(KIT.system()).actorSelection(owner.path().child("*"))
                .tell(new Identify(owner.path().name()), Adapter.toClassic(who.ref()));
        int n = 0;
        // each child answers; with none, nothing answers
        while (true) {
            Object m;
            try {
                m = who.receiveMessage(Duration.ofMillis(300));
            } catch (AssertionError none) {
                return n;
            }
            if (m instanceof ActorIdentity id && id.getActorRef().isPresent()) n++;
        }
    }

    private static void answer(CpuActor.Flush f, int cpu, long... pfns) {
        f.replyTo().tell(new FlushCoordinator.Flushed(cpu, f.round(), PfnRuns.of(pfns)));
    }

    @Test
    void concurrentFlushesNeverShareAChild() {
        Owner a = new Owner(domain(), 2);
        Owner b = new Owner(domain(), 2);
        a.start();
        b.start(); // two flushes at once, one per owner
        List<CpuActor.Flush> fa = a.sent();
        List<CpuActor.Flush> fb = b.sent();
        ActorRef<FlushCoordinator.Answer> ca = fa.get(0).replyTo();
        assertEquals(ca, fa.get(1).replyTo(), "one coordinator per flush, every CPU answers it");
        assertNotEquals(ca, fb.get(0).replyTo(), "two owners' flushes have two coordinators");
        assertEquals(a.ref.path(), ca.path().parent(), "the coordinator is its owner's child");
        assertNotEquals(a.ref.path(), ca.path());
        for (int c = 0; c < 2; c++) {
            answer(fa.get(c), c);
            answer(fb.get(c), c);
        }
        a.bench.receiveMessage();
        b.bench.receiveMessage();

        List<CpuActor.Flush> second = a.flush();
        assertNotEquals(ca, second.get(0).replyTo(), "the next round has a coordinator of its own");
        answer(second.get(0), 0);
        answer(second.get(1), 1);
        a.bench.receiveMessage();
        a.bench.expectTerminated(ca);
        a.bench.expectTerminated(second.get(0).replyTo());
    }

    @Test
    void aCpuLostMidFlushEndsTheGatherAndItsChild() {
        Owner o = new Owner(domain(), 2);
        List<CpuActor.Flush> f = o.flush();
        answer(f.get(0), 0);
        o.ref.tell(new FanOutTargets.CpusLost(1, 1));
        assertEquals(0, o.bench.receiveMessage().pfns(), "the flush went on without the lost CPU");
        o.bench.expectTerminated(f.get(0).replyTo());
        awaitChildren(o.ref, 1, "only the next flush's coordinator, spawned ahead");
        // the next flush does not send to the lost CPU
        o.start();
        o.cpus.get(0).expectMessageClass(CpuActor.Flush.class);
        o.cpus.get(1).expectNoMessage(Duration.ofMillis(50));
    }

    /**
     * CPU 1 answers after the gather clock ran out, with a pfn; first while its flush's child stays
     * for it (and the next flush runs), then the child hands it on and stops: the pfn is back in the tree.
     */
    @Test
    void aLateAnswerAfterTheChildWentOnStillFreesItsPfns() {
        Owner o = new Owner(domain(), 2);
        long pfn = allocate(o);
        List<CpuActor.Flush> first = o.flush();
        answer(first.get(0), 0);
        gatherClockRunsOut();
        assertEquals(0, o.bench.receiveMessage().pfns(), "flush 1 went on without CPU 1");
        awaitChildren(o.ref, 2, "its coordinator stays while CPU 1's answer may come, beside the next flush's");

        List<CpuActor.Flush> second = o.flush();
        answer(first.get(1), 1, pfn); // late, during flush 2
        o.bench.expectTerminated(first.get(0).replyTo());
        answer(second.get(0), 0);
        answer(second.get(1), 1);
        assertEquals(0, o.bench.receiveMessage().pfns());
        awaitChildren(o.ref, 1, "only the next flush's coordinator, spawned ahead");
        survey(o, 0);
    }

    @Test
    void noChildOutlivesItsFlushOver1000Flushes() {
        IovaDomain domain = domain();
        ActorRef<TreeOwnerActor.Command> owner = KIT.spawn(TreeOwnerActor.create(Policy.LINUX_6_1, domain, SETTINGS, () -> 0));
        ActorRef<DepotActor.Command> depot = KIT.spawn(DepotActor.create(Policy.LINUX_6_1, owner, 4, false));
        List<ActorRef<CpuActor.Command>> cpus = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            cpus.add(KIT.spawn(CpuActor.create(c, Policy.LINUX_6_1, (1L << 20) - 1, owner, depot, null, SETTINGS)));
        }
        owner.tell(new FanOutTargets.Attach(cpus, depot));
        TestProbe<TreeBench.BenchRound> bench = KIT.createTestProbe();
        for (int r = 0; r < 1000; r++) {
            owner.tell(new TreeBench.BenchFlush(bench.ref()));
            assertEquals(2 * 4 + 2, bench.receiveMessage().messages(), "a Flush and an answer per CPU, the depot's drain and answer");
        }
        awaitChildren(owner, 1, "only the next flush's coordinator, spawned ahead");
    }

    private static void gatherClockRunsOut() {
        for (int tick = 0; tick <= Gather.TICKS_PER_TIMEOUT; tick++) TIME.timePasses(ASK.dividedBy(Gather.TICKS_PER_TIMEOUT));
    }

    private static void survey(Owner o, long expectedLive) {
        TestProbe<ConservationSurvey.Checked> checked = KIT.createTestProbe();
        o.ref.tell(new ConservationSurvey.Check(new long[0], checked.ref()));
        for (TestProbe<CpuActor.Command> c : o.cpus) {
            c.expectMessageClass(CpuActor.Survey.class).replyTo().tell(new ConservationSurvey.CpuHoldings(
                    o.cpus.indexOf(c), new long[0], new long[0]));
        }
        o.depot.expectMessageClass(DepotActor.Survey.class).replyTo().tell(new ConservationSurvey.DepotHoldings(new long[0]));
        ConservationSurvey.Checked c = checked.receiveMessage();
        assertTrue(c.ok(), c.problem());
        assertEquals(expectedLive, c.liveRanges());
    }
}
