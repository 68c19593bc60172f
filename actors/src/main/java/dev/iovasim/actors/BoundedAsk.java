package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Asking actors from outside an actor system, every wait bounded by the ask timeout: the only
 * way drivers (replay, the free-running engine, flushbench) wait for an answer.
 */
public final class BoundedAsk {
    /**
     * A replayed operation is answered within microseconds; parking the driver thread and waking
     * it again would cost more than the operation itself.
     */
    private static final long SPIN_NANOS = 50_000;

    private final ActorSystem<?> system;
    private final Duration timeout;
    /** Completes when the system has ended: no answer and no ask timeout will come after that. */
    private final CompletableFuture<?> ended;

    public BoundedAsk(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
        this.ended = system.getWhenTerminated().toCompletableFuture();
    }

    public <M, R> R ask(ActorRef<M> to, Function<ActorRef<R>, M> message, String what) {
        return await(later(to, message, timeout), what);
    }

    public <M, R> CompletableFuture<R> later(ActorRef<M> to, Function<ActorRef<R>, M> message, Duration within) {
        return AskPattern.ask(to, message::apply, within, system.scheduler()).toCompletableFuture();
    }

    public <R> R await(CompletableFuture<R> answer, String what) {
        spinBriefly(answer);
        try {
            // an ask's timeout runs on the system's scheduler: once the system has ended (this node
            // was downed and left the cluster) no answer and no timeout will ever come
            if (!answer.isDone()) CompletableFuture.anyOf(answer, ended).get();
            if (!answer.isDone()) {
                throw new EngineTimeout("no answer to " + what + ": this node's actor system ended (downed by the"
                        + " cluster, e.g. after missed heartbeats)", new IllegalStateException("actor system terminated"));
            }
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineTimeout("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new EngineTimeout("no answer to " + what + " within " + timeout.toMillis()
                    + " ms (" + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    private static void spinBriefly(CompletableFuture<?> answer) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (!answer.isDone() && System.nanoTime() < until) Thread.onSpinWait();
    }
}
