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
record StrayAnswers(IovaDomain domain, Consumer<String> error) {

    /** A flush's answer when no flush waits for it: an error, and its pfns back to the tree. */
    Behavior<TreeOwnerActor.Command> flushAnswer(FlushCoordinator.Answer m) {
        if (m instanceof FlushCoordinator.Flushed f) {
            error.accept("cpu " + f.cpu() + " answered flush " + f.round() + " late; its pfns go back to the tree");
            f.pfns().forEach(domain::free);
        } else if (m instanceof FlushCoordinator.NodeFlushed n) {
            error.accept("cpus from " + n.first() + " answered flush " + n.round() + " late; their pfns go back to the tree");
            free(n.pfns());
        } else {
            FlushCoordinator.DepotDrained d = (FlushCoordinator.DepotDrained) m;
            error.accept("the depot answered flush " + d.round() + " late; its pfns go back to the tree");
            free(d.pfns());
        }
        return Behaviors.same();
    }

    /** A survey's answer when no survey waits for it: an error, and nothing to return (a survey copies). */
    Behavior<TreeOwnerActor.Command> surveyAnswer(ConservationSurvey.Answer m) {
        return survey(m instanceof ConservationSurvey.CpuHoldings ? "a CPU survey answer" : "a depot survey answer");
    }

    Behavior<TreeOwnerActor.Command> survey(String what) {
        error.accept("tree owner: " + what + " arrived with no survey waiting for it");
        return Behaviors.same();
    }

    /** pfns back to the tree, without an answer to anyone. */
    Behavior<TreeOwnerActor.Command> free(long[] pfns) {
        for (long pfn : pfns) domain.free(pfn);
        return Behaviors.same();
    }
}
