package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;

/**
 * A CPU actor's answers that came after their request timed out (the CPU stopped waiting, counted
 * the operation as failed and went on). The rule: <b>a late answer is never dropped and never taken
 * for the answer to a later request</b>. Each request carries the CPU's tag, echoed in its answer;
 * an answer whose tag is not the one awaited is late. Its pfns (a tree allocation nobody waits for,
 * a depot magazine nobody loads) go back to the tree owner as a {@link TreeOwnerActor.LateReturn},
 * which the tree owner applies in every state, so the conservation check holds after any timeout.
 * A late {@link CpuActor.Applied} carries no pfns: the free it reports did take effect.
 */
record LateAnswers(int cpu, ActorRef<TreeOwnerActor.Command> tree) {

    /** Between operations every answer is late, and so is a reply timer that fired as its answer came. */
    BehaviorBuilder<CpuActor.Command> servedWhenIdle(BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(CpuActor.FromDepot.class, this::fromDepot)
                .onMessage(CpuActor.FromTree.class, this::fromTree)
                .onMessage(CpuActor.Applied.class, m -> Behaviors.same())
                .onMessage(OwnerRequests.ReplyTimeout.class, m -> Behaviors.same());
    }

    Behavior<CpuActor.Command> fromTree(CpuActor.FromTree m) {
        if (m.pfn() != 0) tree.tell(new TreeOwnerActor.LateReturn(cpu, new long[] {m.pfn()}));
        return Behaviors.same();
    }

    Behavior<CpuActor.Command> fromDepot(CpuActor.FromDepot m) {
        if (m.pfns().length > 0) tree.tell(new TreeOwnerActor.LateReturn(cpu, m.pfns()));
        return Behaviors.same();
    }
}
