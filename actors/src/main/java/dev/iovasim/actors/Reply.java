package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;

/** The step most handlers end with: an answer told, the behaviour kept. */
public final class Reply {
    private Reply() {
    }

    /** Tells {@code to} the {@code message}; the actor's behaviour stays as it is. */
    public static <C, T> Behavior<C> to(ActorRef<T> to, T message) {
        to.tell(message);
        return Behaviors.same();
    }
}
