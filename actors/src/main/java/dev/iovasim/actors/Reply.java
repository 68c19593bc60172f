package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import akka.japi.function.Function;

/** The steps most handlers end with: an answer told, or work done, and the behaviour kept. */
public final class Reply {
    private Reply() {
    }

    /** Tells {@code to} the {@code message}; the actor's behaviour stays as it is. */
    public static <C, T> Behavior<C> to(ActorRef<T> to, T message) {
        to.tell(message);
        return Behaviors.same();
    }

    /** Runs {@code work}, which answers nobody (or answers on its own); the behaviour stays as it is. */
    public static <C> Behavior<C> same(Runnable work) {
        work.run();
        return Behaviors.same();
    }

    /** A handler that stashes every message it gets, for a state that serves them later. */
    public static <C> Function<C, Behavior<C>> stash(StashBuffer<C> stash) {
        return m -> same(() -> stash.stash(m));
    }
}
