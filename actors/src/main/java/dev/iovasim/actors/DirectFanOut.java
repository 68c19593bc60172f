package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.List;

/** One Flush to every CPU actor, as the kernel's flush visits every CPU's caches: the default. */
final class DirectFanOut {
    static final FanOutShape SHAPE = new FanOutShape("direct",
            "one Flush to every CPU actor, each answering for itself, as the kernel visits every CPU", false, DirectFanOut::reach);

    private DirectFanOut() {
    }

    private static List<FanOutTargets.Target> reach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<CpuActor.Command> flusher,
                                                    int first) {
        List<FanOutTargets.Target> out = new ArrayList<>(cpus.size());
        for (int i = 0; i < cpus.size(); i++) out.add(new FanOutTargets.Target(cpus.get(i), first + i, 1));
        return out;
    }
}
