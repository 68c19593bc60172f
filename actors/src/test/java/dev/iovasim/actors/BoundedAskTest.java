package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting for an answer from outside an actor system, which may end under the waiter. */
class BoundedAskTest {
    record Ask(ActorRef<String> replyTo) {
    }

    private static Behavior<Ask> echo(boolean answer) {
        return Behaviors.receiveMessage(m -> {
            if (answer) m.replyTo().tell("pong");
            return Behaviors.same();
        });
    }

    @Test
    void anAnswerIsReturned() {
        ActorSystem<Ask> system = ActorSystem.create(echo(true), "bounded-ask-answer");
        try {
            BoundedAsk asks = new BoundedAsk(system, Duration.ofSeconds(30));
            assertEquals("pong", asks.<Ask, String>ask(system, Ask::new, "a ping"));
        } finally {
            system.terminate();
        }
    }

    /**
     * A downed node's system ends, and with it the scheduler that would have timed the ask out:
     * the waiter must not wait forever (a tree node downed while its run was under way hung so).
     */
    @Test
    void aWaitEndsWhenTheActorSystemEnds() throws Exception {
        ActorSystem<Ask> system = ActorSystem.create(echo(false), "bounded-ask-ended");
        BoundedAsk asks = new BoundedAsk(system, Duration.ofHours(1));
        CompletableFuture<String> answer = asks.later(system, Ask::new, Duration.ofHours(1));
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<EngineTimeout> waiting = pool.submit(() -> assertThrows(EngineTimeout.class, () -> asks.await(answer, "a ping")));
            system.terminate();
            EngineTimeout e = waiting.get(60, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains("actor system ended"), e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }
}
