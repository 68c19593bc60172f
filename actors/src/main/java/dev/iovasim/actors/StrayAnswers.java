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

    /** A flush's answer when no flush waits for it. */
    Behavior<TreeOwnerActor.Command> flushAnswer(FlushCoordinator.Answer m) {
        if (m instanceof FlushCoordinator.Flushed f) return flushed(f);
        if (m instanceof FlushCoordinator.NodeFlushed n) return nodeFlushed(n);
        return drained((FlushCoordinator.DepotDrained) m);
    }

    /** A survey's answer when no survey waits for it: an error, and nothing to return (a survey copies). */
    Behavior<TreeOwnerActor.Command> surveyAnswer(ConservationSurvey.Answer m) {
        return survey(m instanceof ConservationSurvey.CpuHoldings ? "a CPU survey answer" : "a depot survey answer");
    }

    Behavior<TreeOwnerActor.Command> survey(String what) {
        error.accept("tree owner: " + what + " arrived with no survey waiting for it");
        return Behaviors.same();
    }

    Behavior<TreeOwnerActor.Command> flushed(FlushCoordinator.Flushed m) {
        error.accept("cpu " + m.cpu() + " answered flush " + m.round() + " late; its pfns go back to the tree");
        m.pfns().forEach(domain::free);
        return Behaviors.same();
    }

    Behavior<TreeOwnerActor.Command> nodeFlushed(FlushCoordinator.NodeFlushed m) {
        error.accept("cpus from " + m.first() + " answered flush " + m.round() + " late; their pfns go back to the tree");
        return free(m.pfns());
    }

    Behavior<TreeOwnerActor.Command> drained(FlushCoordinator.DepotDrained m) {
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
