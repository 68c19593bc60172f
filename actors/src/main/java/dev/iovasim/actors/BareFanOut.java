package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.SizeClass;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * flushbench's baseline: the flush's fan-out and gather with no allocator behind it. Bare CPU
 * actors answer the very messages a CPU actor answers ({@link CpuActor.Flush} with a
 * {@link FlushCoordinator.Flushed} carrying as many pfns as a CPU's 12 magazines hold), so across
 * JVMs the same classes go through the same serializer with the same sizes, and the cluster's
 * {@code NodeFlusher} serves the per-node shape unchanged. The gatherer times a round as the tree
 * owner does (from the BenchFlush's arrival to the last answer) but keeps the answers untouched:
 * no magazine is drained, no pfn freed, no array copied.
 */
public final class BareFanOut {
    private BareFanOut() {
    }

    /**
     * The pfns one bare CPU sends back: as many as a CPU whose 12 magazines hold {@code perMagazine}
     * each, with values just below flushbench's refill limit, so a variable-length encoding takes
     * the bytes the refilled pfns take.
     */
    public static long[] payload(int cpu, int perMagazine) {
        long[] pfns = new long[SizeClass.CACHED_CLASSES * 2 * perMagazine];
        long top = TreeBench.LIMIT - (long) cpu * pfns.length * 64;
        for (int i = 0; i < pfns.length; i++) pfns[i] = top - 64L * i;
        return pfns;
    }

    /** A bare CPU: every Flush is answered at once with the same pfns; anything else is ignored. */
    public static Behavior<CpuActor.Command> cpu(int cpu, int perMagazine) {
        PfnRuns pfns = PfnRuns.of(payload(cpu, perMagazine));
        return Behaviors.receive(CpuActor.Command.class)
                .onMessage(CpuActor.Flush.class, m -> Reply.to(m.replyTo(), new FlushCoordinator.Flushed(cpu, m.round(), pfns)))
                .build();
    }

    /** A bare depot: drains nothing (flushbench's depot is empty: the refill bypasses it). */
    private static Behavior<DepotActor.Command> depot() {
        long[] none = new long[0];
        return Behaviors.receive(DepotActor.Command.class)
                .onMessage(DepotActor.Drain.class, m -> Reply.to(m.replyTo(), new FlushCoordinator.DepotDrained(m.round(), none)))
                .build();
    }

    /**
     * One JVM's bare machine: a bare CPU per simulated CPU, and the gatherer over them (the actor
     * returned to ask).
     */
    public static Behavior<TreeOwnerActor.Command> local(int cpus, int perMagazine, boolean drainsDepot) {
        return Behaviors.setup(ctx -> {
            List<ActorRef<CpuActor.Command>> targets = new java.util.ArrayList<>(cpus);
            for (int c = 0; c < cpus; c++) targets.add(ctx.spawn(cpu(c, perMagazine), "bare-cpu-" + c));
            return gatherer(targets, cpus, drainsDepot, () -> 0);
        });
    }

    /**
     * @param targets     the bare CPUs (direct) or the nodes' flushers (per-node)
     * @param cpus        answers to wait for, one per CPU however they are bundled
     * @param drainsDepot a bare depot beside the gatherer is drained in every round, as the tree
     *                    owner drains the real one when the policy's flush does
     * @param wireBytes   fan-out bytes serialized and deserialized in this JVM so far
     */
    public static Behavior<TreeOwnerActor.Command> gatherer(List<ActorRef<CpuActor.Command>> targets, int cpus,
                                                            boolean drainsDepot, LongSupplier wireBytes) {
        return Behaviors.setup(ctx -> new Gatherer(ctx, targets, cpus,
                drainsDepot ? ctx.spawn(depot(), "bare-depot") : null, wireBytes).behavior());
    }

    private static final class Gatherer {
        private final ActorContext<TreeOwnerActor.Command> ctx;
        private final List<ActorRef<CpuActor.Command>> targets;
        private final int cpus;
        private final ActorRef<DepotActor.Command> depot;
        private final LongSupplier wireBytes;
        private long round;
        private long start;
        private long bytesAtStart;
        private int cpusDue;
        private boolean depotDue;
        private long messages;
        private long pfns;
        private ActorRef<TreeBench.BenchRound> replyTo;

        Gatherer(ActorContext<TreeOwnerActor.Command> ctx, List<ActorRef<CpuActor.Command>> targets, int cpus,
                 ActorRef<DepotActor.Command> depot, LongSupplier wireBytes) {
            this.ctx = ctx;
            this.targets = List.copyOf(targets);
            this.cpus = cpus;
            this.depot = depot;
            this.wireBytes = wireBytes;
        }

        Behavior<TreeOwnerActor.Command> behavior() {
            return Behaviors.receive(TreeOwnerActor.Command.class)
                    .onMessage(TreeBench.BenchFlush.class, this::onBenchFlush)
                    .onMessage(FlushCoordinator.Flushed.class, m -> answered(m.round(), 1, m.pfns().size()))
                    .onMessage(FlushCoordinator.NodeFlushed.class, m -> answered(m.round(), m.counts().length, m.pfns().length))
                    .onMessage(FlushCoordinator.DepotDrained.class, m -> {
                        if (m.round() == round && depotDue) {
                            depotDue = false;
                            return answered(m.round(), 0, m.pfns().length);
                        }
                        return Behaviors.same();
                    })
                    .build();
        }

        private Behavior<TreeOwnerActor.Command> onBenchFlush(TreeBench.BenchFlush m) {
            start = System.nanoTime();
            bytesAtStart = wireBytes.getAsLong();
            replyTo = m.replyTo();
            round++;
            cpusDue = cpus;
            messages = 0;
            pfns = 0;
            CpuActor.Flush flush = new CpuActor.Flush(round, ctx.getSelf().narrow());
            for (ActorRef<CpuActor.Command> t : targets) {
                t.tell(flush);
                messages++;
            }
            depotDue = depot != null;
            if (depotDue) {
                depot.tell(new DepotActor.Drain(round, ctx.getSelf().narrow()));
                messages++;
            }
            return cpusDue == 0 && !depotDue ? finish() : Behaviors.same();
        }

        /** An answer for {@code count} CPUs; one of an earlier round (none: rounds never overlap) is dropped. */
        private Behavior<TreeOwnerActor.Command> answered(long of, int count, int pfnCount) {
            if (of != round || replyTo == null) return Behaviors.same();
            messages++;
            pfns += pfnCount;
            cpusDue -= count;
            return cpusDue == 0 && !depotDue ? finish() : Behaviors.same();
        }

        private Behavior<TreeOwnerActor.Command> finish() {
            long nanos = System.nanoTime() - start;
            replyTo.tell(new TreeBench.BenchRound(nanos, nanos, messages, wireBytes.getAsLong() - bytesAtStart, pfns));
            replyTo = null;
            return Behaviors.same();
        }
    }
}
