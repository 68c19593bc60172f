package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.NicWorkload;
import dev.iovasim.allocator.workload.SpecValues;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 6.7's delayed depot trim in the actor engine: on the CPUs' virtual clock, never in replay, conserved. */
class DepotTrimActorTest {
    private static final long MS = 1_000_000L;
    private static final Duration QUIET = Duration.ofMillis(200);
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** As the reference allocator's v67TrimRunsOnlyOnTheClock: one magazine per 100 ms, newest first, down to the CPUs. */
    @Test
    void trimsOnTheClockTheRequestsCarry() {
        TestProbe<TreeOwnerActor.Command> tree = kit.createTestProbe();
        TestProbe<CpuActor.Command> cpu = kit.createTestProbe();
        ActorRef<DepotActor.Command> depot = kit.spawn(DepotActor.create(Policy.LINUX_6_7.withMagazineSize(2), tree.ref(), 2, true));
        for (int i = 0; i < 4; i++) {
            depot.tell(new DepotActor.PutFull(0, new long[] {10 + 2 * i, 11 + 2 * i}, 0, 0, cpu.ref()));
            cpu.expectMessageClass(CpuActor.Applied.class);
        }
        depot.tell(new DepotActor.TakeFull(1, 99 * MS, 0, cpu.ref()));
        cpu.expectMessageClass(CpuActor.FromDepot.class);
        tree.expectNoMessage(QUIET);

        depot.tell(new DepotActor.TakeFull(1, 100 * MS, 0, cpu.ref()));
        assertArrayEquals(new long[] {16, 17}, tree.expectMessageClass(TreeOwnerActor.Trimmed.class).pfns(), "the newest");
        cpu.expectMessageClass(CpuActor.FromDepot.class);
        tree.expectNoMessage(QUIET);

        depot.tell(new DepotActor.TakeFull(1, 1000 * MS, 0, cpu.ref()));
        assertArrayEquals(new long[] {14, 15}, tree.expectMessageClass(TreeOwnerActor.Trimmed.class).pfns());
        cpu.expectMessageClass(CpuActor.FromDepot.class);
        tree.expectNoMessage(QUIET);

        depot.tell(new DepotActor.TakeFull(0, 1000 * MS, 0, cpu.ref()));
        assertArrayEquals(new long[] {12, 13}, cpu.expectMessageClass(CpuActor.FromDepot.class).pfns(),
                "two magazines left for two CPUs; the newest is taken");
    }

    @Test
    void neverTrimsWithoutAClockNorBefore67() {
        TestProbe<TreeOwnerActor.Command> tree = kit.createTestProbe();
        TestProbe<CpuActor.Command> cpu = kit.createTestProbe();
        ActorRef<DepotActor.Command> replay = kit.spawn(DepotActor.create(Policy.LINUX_6_7.withMagazineSize(2), tree.ref(), 1, false));
        ActorRef<DepotActor.Command> v61 = kit.spawn(DepotActor.create(Policy.LINUX_6_1.withMagazineSize(2), tree.ref(), 1, true));
        for (ActorRef<DepotActor.Command> depot : List.of(replay, v61)) {
            for (int i = 0; i < 3; i++) {
                depot.tell(new DepotActor.PutFull(0, new long[] {10 + 2 * i, 11 + 2 * i}, i * 1000 * MS, 0, cpu.ref()));
                cpu.expectMessageClass(CpuActor.Applied.class);
            }
            depot.tell(new DepotActor.TakeFull(1, 10_000 * MS, 0, cpu.ref()));
            cpu.expectMessageClass(CpuActor.FromDepot.class);
        }
        tree.expectNoMessage(QUIET);
    }

    /**
     * A trim and the conservation survey cross: a magazine trimmed before the depot's survey answer
     * is in no holding (the tree takes it at once); one trimmed after it is in the holdings (the
     * tree takes it after the check). Either other order would fail the check.
     */
    @Test
    void aTrimCrossingTheSurveyIsCountedOnce() {
        IovaDomain domain = new IovaDomain(Policy.LINUX_6_7.search(), true, 4096, 1);
        ActorRef<TreeOwnerActor.Command> owner = kit.spawn(TreeOwnerActor.create(Policy.LINUX_6_7, domain,
                EngineSettings.defaults(), () -> 0));
        TestProbe<CpuActor.Command> cpu = kit.createTestProbe();
        TestProbe<DepotActor.Command> depot = kit.createTestProbe();
        owner.tell(new FanOutTargets.Attach(List.of(cpu.ref()), depot.ref()));
        long[] pfns = new long[4];
        for (int i = 0; i < pfns.length; i++) {
            owner.tell(new TreeOwnerActor.TreeAlloc(0, 1, 1000, false, 0, cpu.ref(), TreeVisitBook.WHOLE));
            pfns[i] = cpu.expectMessageClass(CpuActor.FromTree.class).pfn();
            assertTrue(pfns[i] != 0);
        }
        long[] first = {pfns[0], pfns[1]};
        long[] second = {pfns[2], pfns[3]};
        long[] none = new long[0];
        Survey survey = new Survey(owner, cpu, depot, kit.createTestProbe());

        // trimmed before the survey answer: the depot holds only the second magazine
        survey.check(new TreeOwnerActor.Trimmed(first), new ConservationSurvey.DepotHoldings(second),
                new ConservationSurvey.CpuHoldings(0, none, none));
        // trimmed after the survey answer: the holdings still name it
        survey.check(new ConservationSurvey.DepotHoldings(second), new TreeOwnerActor.Trimmed(second),
                new ConservationSurvey.CpuHoldings(0, none, none));
        // once the check is over the trim reaches the tree: nothing is left anywhere
        survey.check(new ConservationSurvey.DepotHoldings(none), new ConservationSurvey.CpuHoldings(0, none, none));

        TestProbe<TreeReports.TreeReport> report = kit.createTestProbe();
        owner.tell(new TreeOwnerActor.Report(report.ref()));
        // the report carries the depot's sizes for the depot gauge: the tree owner asks first
        depot.expectMessageClass(DepotActor.Sizes.class).replyTo().tell(new DepotActor.DepotSizes(new int[] {0, 0, 0, 0, 0, 0}, new long[6]));
        TreeReports.TreeReport r = report.expectMessageClass(TreeReports.TreeReport.class);
        assertArrayEquals(new int[6], r.depotMagazines());
        AllocStats s = new AllocStats();
        s.addVector(r.stats());
        assertEquals(2, s.get(Counter.TRIMS));
        assertEquals(4, s.get(Counter.TRIMMED_PFNS));
    }

    /** A conservation check whose survey requests the test answers itself, in the order given. */
    private record Survey(ActorRef<TreeOwnerActor.Command> owner, TestProbe<CpuActor.Command> cpu,
                          TestProbe<DepotActor.Command> depot, TestProbe<ConservationSurvey.Checked> checked) {
        void check(TreeOwnerActor.Command... answers) {
            owner.tell(new ConservationSurvey.Check(new long[0], checked.ref()));
            cpu.expectMessageClass(CpuActor.Survey.class);
            depot.expectMessageClass(DepotActor.Survey.class);
            for (TreeOwnerActor.Command a : answers) owner.tell(a);
            ConservationSurvey.Checked c = checked.expectMessageClass(ConservationSurvey.Checked.class);
            assertTrue(c.ok(), c.problem());
        }
    }

    /**
     * Free-running 6.7 with NIC bursts (a ring of 4096 completed at once) and 0.1 ms between
     * operations: 2 virtual seconds in which the depot outgrows the 4 CPUs. Both engines trim (by
     * about the same amount; the actors' interleaving is not the reference's), and everything is
     * accounted for.
     */
    @Test
    void freeRunning67TrimsLikeTheReference() {
        NicWorkload w = new NicWorkload(SpecValues.parse(NicWorkload.NAME, "ring=4096,budget=4096,gap-ns=100000",
                NicWorkload.PARAMS));
        ActorRunResult r = FreeRun.run(Policy.LINUX_6_7, w.domain(4), w, 4, 20_000, 5, null, null,
                EngineSettings.defaults(), done -> { }, FreeRun.Live.NONE);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        assertEquals(0, r.errors(), () -> "errors: " + r.firstError());
        RunReport reference = new ReferenceEngine().run(RunSpec.of(Policy.LINUX_6_7, w, 4, 20_000, 5), ProgressListener.NONE);
        assertTrue(reference.longValue("depot_trims") > 0, "the reference trims: " + reference.longValue("depot_trims"));
        assertTrue(r.stats().get(Counter.TRIMS) > 0, "the actors trim too");
        assertTrue(r.stats().get(Counter.TRIMMED_PFNS) >= r.stats().get(Counter.TRIMS), "each trim returns a magazine's pfns");
    }
}
