package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.BehaviorBuilder;
import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.SizeClass;

/**
 * A CPU actor's part of a time series (its own protocol): what its loaded/prev magazines cache per
 * size class and how many IOVAs wait in its flush queue, copied when {@link Sample} comes.
 * Served in any state: a row is taken where the run is quiescent (lock-step replay), or as near
 * its moment as the messages come (free-running).
 */
final class CpuSeries {

    record Sample(ActorRef<CpuSample> replyTo) implements CpuActor.Command {
    }

    /**
     * @param magazinePfns per kernel size class, IOVAs in loaded and prev
     * @param stats        this CPU's counters ({@link dev.iovasim.allocator.AllocStats#toVector()}), without
     *                     the latency histograms a report encodes
     */
    record CpuSample(int cpu, long[] magazinePfns, int fqQueued, long[] stats) implements WireMessage {
    }

    private CpuSeries() {
    }

    static BehaviorBuilder<CpuActor.Command> servedInAnyState(CpuActor cpu, BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(Sample.class, m -> {
            CpuCaches caches = cpu.ladder.caches();
            long[] pfns = new long[SizeClass.CACHED_CLASSES];
            for (int cls = 0; cls < pfns.length; cls++) pfns[cls] = caches.cachedPfns(cls);
            return Reply.to(m.replyTo(), new CpuSample(cpu.cpu, pfns, cpu.fq.queued(), cpu.counters.stats.toVector()));
        });
    }
}
