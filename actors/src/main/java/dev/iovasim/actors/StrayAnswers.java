package dev.iovasim.actors;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.IovaDomain;
import java.util.function.Consumer;

/**
 * The tree owner's answers that no gather waits for: a flush's answers that came after the flush
 * went on without them, and a CPU's late answers given back ({@link LateAnswers}). Their pfns are
 * in no magazine, no depot and no workload, so they go back to the tree at once, in whatever
 * state the tree owner is (during a survey too: waiting in the stash, they would be missed by
 * the check).
 */
final class StrayAnswers {
    private final IovaDomain domain;
    private final Consumer<String> error;

    StrayAnswers(IovaDomain domain, Consumer<String> error) {
        this.domain = domain;
        this.error = error;
    }

    Behavior<TreeOwnerActor.Command> flushed(TreeOwnerActor.Flushed m) {
        error.accept("cpu " + m.cpu() + " answered flush " + m.round() + " late; its pfns go back to the tree");
        return free(m.pfns());
    }

    Behavior<TreeOwnerActor.Command> nodeFlushed(TreeOwnerActor.NodeFlushed m) {
        error.accept("cpus from " + m.first() + " answered flush " + m.round() + " late; their pfns go back to the tree");
        return free(m.pfns());
    }

    Behavior<TreeOwnerActor.Command> drained(TreeOwnerActor.DepotDrained m) {
        error.accept("the depot answered flush " + m.round() + " late; its pfns go back to the tree");
        return free(m.pfns());
    }

    /** Already counted as an error by the CPU whose request timed out. */
    Behavior<TreeOwnerActor.Command> lateReturn(TreeOwnerActor.LateReturn m) {
        return free(m.pfns());
    }

    /** pfns back to the tree, without an answer to anyone. */
    Behavior<TreeOwnerActor.Command> free(long[] pfns) {
        for (long pfn : pfns) domain.free(pfn);
        return Behaviors.same();
    }
}
