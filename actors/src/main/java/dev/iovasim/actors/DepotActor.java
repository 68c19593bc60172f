package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.Depot;
import dev.iovasim.allocator.DepotTrim;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;

/**
 * The depot of full magazines, one {@link Depot} per size class. It never waits for anyone: a
 * magazine a bounded, full depot refuses goes straight on to the tree owner, which tells the CPU
 * that gave it when its pfns are back in the tree.
 *
 * <p>Under 6.7+ the depot also runs the delayed trim; a trimmed magazine goes to the tree owner.
 * Free-running, on the virtual clock the CPUs' requests carry (each CPU's sum of its operations'
 * gaps, as the reference engine's clock): jobs fall due when a request moves the clock past them,
 * so the tree sees a trim when the depot next hears from a CPU rather than at its due time. In
 * every run the clock actor's moves ({@link AdvanceClock}, from {@link FlushTimerActor}) run the
 * jobs due by then, those due at the flush-queue timer's due time after it: in lock-step replay the
 * trims happen at the reference engine's moments.
 */
public final class DepotActor {

    public interface Command extends WireMessage {
    }

    /**
     * A CPU's loaded and prev are empty: it wants the newest full magazine, if any.
     *
     * @param nowNanos the CPU's virtual time (0 when operations come from a trace, which has no clock)
     * @param op       the CPU's request tag, echoed in the answer (here and in PutFull's)
     */
    public record TakeFull(int sizeClass, long nowNanos, long op, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** A CPU's full old loaded magazine, {@code pfns} in index order; {@code nowNanos} as in TakeFull. */
    public record PutFull(int sizeClass, long[] pfns, long nowNanos, long op, ActorRef<CpuActor.Command> replyTo)
            implements Command {
    }

    /** A flush that drains the depot: every magazine's pfns in the policy's drain order. */
    public record Drain(long round, ActorRef<FlushCoordinator.Answer> replyTo) implements Command {
    }

    /**
     * The simulated clock moved to {@code nowNanos} (the {@link FlushTimerActor}'s): run the trims
     * due by then (without {@code dueAtNow}, only those due before it: the flush-queue timer due then
     * runs first), and say so; a trimmed magazine is on its way to the tree owner before the answer.
     * {@code onlineCpus}: num_online_cpus() now (a replay's cpudead takes a CPU offline), the
     * magazines a trim leaves.
     */
    public record AdvanceClock(long nowNanos, boolean dueAtNow, int onlineCpus, ActorRef<FlushTimerActor.Command> replyTo)
            implements Command {
    }

    /** What the depot holds, for the conservation check. */
    public record Survey(ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    /** How many full magazines each size class holds, for the depot gauge. */
    public record Sizes(ActorRef<DepotSizes> replyTo) implements Command {
    }

    /**
     * @param magazines full magazines per cached size class
     * @param pfns      the IOVAs they hold, per class (a time series' depot columns)
     */
    public record DepotSizes(int[] magazines, long[] pfns) implements WireMessage {
    }

    /**
     * @param cpus  the machine's CPUs: a trim on a request's time leaves this many magazines per class
     * @param clock the CPUs run workloads, whose requests carry virtual time; a trace's do not: its
     *              clock lines move the clock, by {@link AdvanceClock}
     */
    public static Behavior<Command> create(Policy policy, ActorRef<TreeOwnerActor.Command> tree, int cpus,
                                           boolean clock) {
        return Behaviors.setup(ctx -> new DepotActor(policy, tree, cpus, clock).behavior());
    }

    private static final long[] NONE = new long[0];

    private final Policy policy;
    private final ActorRef<TreeOwnerActor.Command> tree;
    private final Depot[] depots = new Depot[SizeClass.CACHED_CLASSES];
    private final int cpus;
    private final DepotTrim trim;
    private final boolean requestsCarryTime;
    private final DepotTrim.Sink toTree;
    /** A trim has sent a magazine to the tree since the clock actor's last move: its answer says so. */
    private boolean trimmed;

    private DepotActor(Policy policy, ActorRef<TreeOwnerActor.Command> tree, int cpus, boolean clock) {
        this.policy = policy;
        this.tree = tree;
        this.cpus = cpus;
        this.trim = policy.depotTrim() ? new DepotTrim() : null;
        this.requestsCarryTime = clock;
        this.toTree = (sizeClass, m) -> {
            trimmed = true;
            tree.tell(new TreeOwnerActor.Trimmed(m.toArray()));
        };
        for (int c = 0; c < depots.length; c++) depots[c] = Depot.forPolicy(policy);
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(TakeFull.class, this::onTakeFull)
                .onMessage(PutFull.class, this::onPutFull)
                .onMessage(Drain.class, this::onDrain)
                .onMessage(Survey.class, this::onSurvey)
                .onMessage(Sizes.class, this::onSizes)
                .onMessage(AdvanceClock.class, m -> {
                    advance(m.nowNanos(), m.dueAtNow(), m.onlineCpus());
                    FlushTimerActor.DepotMoved moved = new FlushTimerActor.DepotMoved(trimmed);
                    trimmed = false;
                    return Reply.to(m.replyTo(), moved);
                })
                .build();
    }

    private Behavior<Command> onTakeFull(TakeFull m) {
        if (requestsCarryTime) advance(m.nowNanos(), true, cpus);
        Magazine full = depots[m.sizeClass()].pop();
        return Reply.to(m.replyTo(), new CpuActor.FromDepot(full == null ? NONE : full.toArray(), m.op()));
    }

    private Behavior<Command> onPutFull(PutFull m) {
        if (requestsCarryTime) advance(m.nowNanos(), true, cpus);
        if (depots[m.sizeClass()].push(Magazine.of(policy.magazineSize(), m.pfns()))) {
            if (trim != null) trim.pushed(m.sizeClass());
            m.replyTo().tell(new CpuActor.Applied(CpuActor.TO_DEPOT, 0, m.op()));
        } else {
            tree.tell(new TreeOwnerActor.FreeBatch(m.pfns(), CpuActor.DEPOT_OVERFLOW, m.op(), m.replyTo()));
        }
        return Behaviors.same();
    }

    private void advance(long nowNanos, boolean dueAtNow, int onlineCpus) {
        if (trim != null) trim.advance(nowNanos, dueAtNow, depots, onlineCpus, toTree);
    }

    private Behavior<Command> onDrain(Drain m) {
        PfnList pfns = new PfnList();
        for (Depot d : depots) d.drainTo(pfns);
        return Reply.to(m.replyTo(), new FlushCoordinator.DepotDrained(m.round(), pfns.toArray()));
    }

    private Behavior<Command> onSizes(Sizes m) {
        int[] sizes = new int[depots.length];
        long[] pfns = new long[depots.length];
        for (int c = 0; c < depots.length; c++) {
            sizes[c] = depots[c].size();
            pfns[c] = depots[c].cachedPfns();
        }
        return Reply.to(m.replyTo(), new DepotSizes(sizes, pfns));
    }

    private Behavior<Command> onSurvey(Survey m) {
        PfnList pfns = new PfnList();
        for (Depot d : depots) {
            for (int i = 0; i < d.size(); i++) {
                Magazine mag = d.get(i);
                for (int k = 0; k < mag.size(); k++) pfns.accept(mag.get(k));
            }
        }
        return Reply.to(m.replyTo(), new ConservationSurvey.DepotHoldings(pfns.toArray()));
    }
}
