package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;

/**
 * The tree owner's next flush coordinator, spawned after a flush (off its path) and started by
 * the next one ({@link FlushCoordinator.Start}); each still serves one flush. Spawning it ahead
 * keeps the spawn off the flush's path: started by a message sent before any Flush, the child's
 * turn comes first and its fan-out is out 20-34 us into a 128-CPU flush (docs/actors-notes.md,
 * "Where the child's cost was").
 */
final class SpareCoordinator {
    private final ActorContext<TreeOwnerActor.Command> ctx;
    private ActorRef<FlushCoordinator.Command> spare;

    SpareCoordinator(ActorContext<TreeOwnerActor.Command> ctx) {
        this.ctx = ctx;
    }

    /** The spare, or a new child for the first flush. */
    ActorRef<FlushCoordinator.Command> take() {
        ActorRef<FlushCoordinator.Command> c = spare != null ? spare : spawn();
        spare = null;
        return c;
    }

    /** Spawns the next flush's coordinator, once the flush in progress is answered. */
    void prepare() {
        if (spare == null) spare = spawn();
    }

    private ActorRef<FlushCoordinator.Command> spawn() {
        return ctx.spawnAnonymous(FlushCoordinator.create(ctx.getSelf()));
    }
}
