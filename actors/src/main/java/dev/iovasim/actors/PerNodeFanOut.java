package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * One Flush to each cpu node's flusher, which flushes the node's CPUs locally and answers once
 * for all of them: fewer messages between JVMs, one more hop inside the node.
 */
final class PerNodeFanOut {
    static final FanOutShape SHAPE = new FanOutShape("per-node",
            "one Flush to each cpu node, which flushes its CPUs locally and answers once for them", true, PerNodeFanOut::reach);

    private PerNodeFanOut() {
    }

    private static List<FanOutTargets.Target> reach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<CpuActor.Command> flusher,
                                                    int first) {
        return cpus.isEmpty() ? List.of() : List.of(new FanOutTargets.Target(flusher, first, cpus.size()));
    }
}
