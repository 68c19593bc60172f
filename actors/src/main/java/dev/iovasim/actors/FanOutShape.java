package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * How a flush reaches the CPUs: whom the tree owner sends its Flush to for one cpu node's CPUs.
 * The tree owner sends one message per {@link FanOutTargets.Target} and skips those whose CPUs
 * are lost; each target answers for its CPUs ({@link FlushCoordinator.Flushed} for one CPU,
 * {@link FlushCoordinator.NodeFlushed} for several). Every shape is listed in {@link FanOutCatalogue}.
 *
 * @param name          the {@code --fanout} name
 * @param summary       what it is, one line (the table in docs/cluster-notes.md repeats it)
 * @param needsCpuNodes true when the shape needs cpu nodes (a run of 2 or more JVMs)
 * @param reach         the targets for one node's CPUs
 */
public record FanOutShape(String name, String summary, boolean needsCpuNodes, Reach reach) {

    /** Whom a flush sends to for the CPUs [first, first + cpus.size()) of one node. */
    @FunctionalInterface
    public interface Reach {
        /** @param flusher the node's flusher, which flushes its CPUs locally and answers once; null in one JVM */
        List<FanOutTargets.Target> targets(List<ActorRef<CpuActor.Command>> cpus, ActorRef<CpuActor.Command> flusher, int first);
    }

    public List<FanOutTargets.Target> reach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<CpuActor.Command> flusher, int first) {
        return reach.targets(cpus, flusher, first);
    }

    @Override
    public String toString() {
        return name;
    }
}
