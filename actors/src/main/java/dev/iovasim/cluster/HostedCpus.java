package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import dev.iovasim.actors.CpuActor;
import java.time.Duration;
import java.util.List;

/**
 * The CPU actors a {@link CpuHost} spawned for run {@code run}, CPUs [first, first + refs.size()),
 * and what its parts ({@link HostRun}, {@link LiveFigures}) need to know of that run. Made at
 * Spawn; a release keeps its run (a late answer is told by it) but drops the actors.
 *
 * @param policy     the preset's name, as the node's metrics label the figures
 * @param askTimeout how long a live question waits for a CPU's answer
 */
record HostedCpus(long run, int first, String policy, Duration askTimeout, List<ActorRef<CpuActor.Command>> refs) {
    /** Before the first Spawn. */
    static final HostedCpus NONE = new HostedCpus(0, 0, "", null, List.of());

    HostedCpus released() {
        return new HostedCpus(run, first, policy, askTimeout, List.of());
    }
}
