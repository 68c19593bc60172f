package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.FlushCoordinator;
import dev.iovasim.actors.PfnRuns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A node's flusher whose round is overtaken by the next flush (the tree owner's coordinator went
 * on without this node): what the old round gathered and its late answers go to the old round's
 * coordinator, which stays for them; the new round is answered to the new one. No pfn is dropped.
 */
class NodeFlusherTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void anOvertakenRoundsAnswersGoToItsOwnCoordinator() {
        TestProbe<CpuActor.Command> cpu4 = KIT.createTestProbe();
        TestProbe<CpuActor.Command> cpu5 = KIT.createTestProbe();
        ActorRef<CpuActor.Command> flusher = KIT.spawn(NodeFlusher.create(4, List.of(cpu4.ref(), cpu5.ref())));
        TestProbe<FlushCoordinator.Answer> first = KIT.createTestProbe();
        TestProbe<FlushCoordinator.Answer> second = KIT.createTestProbe();

        flusher.tell(new CpuActor.Flush(1, first.ref()));
        CpuActor.Flush local4 = cpu4.expectMessageClass(CpuActor.Flush.class);
        CpuActor.Flush local5 = cpu5.expectMessageClass(CpuActor.Flush.class);
        local4.replyTo().tell(new FlushCoordinator.Flushed(4, 1, PfnRuns.of(new long[] {40, 41})));
        first.expectNoMessage(Duration.ofMillis(50)); // CPU 5 has not answered: nothing for the node yet

        flusher.tell(new CpuActor.Flush(2, second.ref()));
        FlushCoordinator.Flushed gathered = (FlushCoordinator.Flushed) first.receiveMessage();
        assertEquals(4, gathered.cpu());
        assertEquals(1, gathered.round());
        assertArrayEquals(new long[] {40, 41}, gathered.pfns().toArray(), "what round 1 gathered goes to round 1's coordinator");

        local5.replyTo().tell(new FlushCoordinator.Flushed(5, 1, PfnRuns.of(new long[] {50})));
        FlushCoordinator.Flushed late = (FlushCoordinator.Flushed) first.receiveMessage();
        assertEquals(5, late.cpu());
        assertArrayEquals(new long[] {50}, late.pfns().toArray(), "round 1's late answer too");

        cpu4.expectMessageClass(CpuActor.Flush.class).replyTo().tell(new FlushCoordinator.Flushed(4, 2, PfnRuns.of(new long[] {42})));
        cpu5.expectMessageClass(CpuActor.Flush.class).replyTo().tell(new FlushCoordinator.Flushed(5, 2, PfnRuns.NONE));
        FlushCoordinator.NodeFlushed node = (FlushCoordinator.NodeFlushed) second.receiveMessage();
        assertEquals(2, node.round());
        assertEquals(4, node.first());
        assertArrayEquals(new int[] {1, 0}, node.counts());
        assertArrayEquals(new long[] {42}, node.pfns());
        first.expectNoMessage(Duration.ofMillis(50));
    }
}
