package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each fan-out shape's targets for one node's CPUs, and the catalogue's names and refusals. */
class FanOutCatalogueTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static List<ActorRef<CpuActor.Command>> cpus(int n) {
        List<ActorRef<CpuActor.Command>> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) out.add(KIT.<CpuActor.Command>createTestProbe().ref());
        return out;
    }

    @Test
    void directReachesEveryCpuEachForItself() {
        List<ActorRef<CpuActor.Command>> cpus = cpus(3);
        ActorRef<CpuActor.Command> flusher = KIT.<CpuActor.Command>createTestProbe().ref();
        List<FanOutTargets.Target> t = FanOutCatalogue.DIRECT.reach(cpus, flusher, 8);
        assertEquals(List.of(new FanOutTargets.Target(cpus.get(0), 8, 1), new FanOutTargets.Target(cpus.get(1), 9, 1),
                new FanOutTargets.Target(cpus.get(2), 10, 1)), t);
        assertFalse(FanOutCatalogue.DIRECT.needsCpuNodes());
    }

    @Test
    void perNodeReachesTheNodesFlusherForAllItsCpus() {
        List<ActorRef<CpuActor.Command>> cpus = cpus(3);
        TestProbe<CpuActor.Command> flusher = KIT.createTestProbe();
        assertEquals(List.of(new FanOutTargets.Target(flusher.ref(), 8, 3)), FanOutCatalogue.PER_NODE.reach(cpus, flusher.ref(), 8));
        assertEquals(List.of(), FanOutCatalogue.PER_NODE.reach(List.of(), flusher.ref(), 8), "a node with no CPUs is not asked");
        assertTrue(FanOutCatalogue.PER_NODE.needsCpuNodes());
    }

    @Test
    void catalogueNamesEveryShapeOnceDirectFirst() {
        assertEquals(List.of("direct", "per-node"), FanOutCatalogue.names());
        for (FanOutShape s : FanOutCatalogue.all()) assertSame(s, FanOutCatalogue.of(s.name()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FanOutCatalogue.of("sideways"));
        assertEquals("expected 'direct' or 'per-node', got 'sideways'", e.getMessage());
    }

    /** A flush skips a target whose CPUs are lost; a survey still reaches the survivors. */
    @Test
    void aLostNodesTargetIsNotSentTo() {
        List<ActorRef<CpuActor.Command>> cpus = cpus(4);
        TestProbe<CpuActor.Command> a = KIT.createTestProbe();
        TestProbe<CpuActor.Command> b = KIT.createTestProbe();
        List<FanOutTargets.Target> targets = new java.util.ArrayList<>(FanOutCatalogue.PER_NODE.reach(cpus.subList(0, 2), a.ref(), 0));
        targets.addAll(FanOutCatalogue.PER_NODE.reach(cpus.subList(2, 4), b.ref(), 2));
        FanOutTargets t = new FanOutTargets(new FanOutTargets.Attach(cpus, KIT.<DepotActor.Command>createTestProbe().ref(), targets));
        t.lose(2, 2);
        Gather g = t.gather(1, false);
        assertEquals(2, g.cpusIn(), "the lost CPUs count as answered with nothing");
        TestProbe<TreeOwnerActor.Command> owner = KIT.createTestProbe();
        KIT.spawn(FlushCoordinator.create(owner.ref())).tell(new FlushCoordinator.Start(g, t.live(), null));
        CpuActor.Flush flush = a.expectMessageClass(CpuActor.Flush.class);
        b.expectNoMessage(java.time.Duration.ofMillis(50));
        flush.replyTo().tell(new FlushCoordinator.NodeFlushed(1, 0, new int[] {0, 0}, new long[0]));
        Gather gathered = owner.expectMessageClass(FlushCoordinator.Gathered.class).gather();
        assertEquals(2, gathered.messages(), "one Flush to the surviving node, one answer");
        assertEquals(4, gathered.cpusIn());
    }
}
