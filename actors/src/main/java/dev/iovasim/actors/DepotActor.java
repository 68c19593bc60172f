package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.Depot;
import dev.iovasim.allocator.Magazine;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;

/**
 * The depot of full magazines, one {@link Depot} per size class. It never waits for anyone: a
 * magazine a bounded, full depot refuses goes straight on to the tree owner, which tells the CPU
 * that gave it when its pfns are back in the tree.
 */
public final class DepotActor {

    public interface Command extends WireMessage {
    }

    /** A CPU's loaded and prev are empty: it wants the newest full magazine, if any. */
    public record TakeFull(int sizeClass, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** A CPU's full old loaded magazine, {@code pfns} in index order. */
    public record PutFull(int sizeClass, long[] pfns, ActorRef<CpuActor.Command> replyTo) implements Command {
    }

    /** A flush that drains the depot: every magazine's pfns in the policy's drain order. */
    public record Drain(long round, ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    /** What the depot holds, for the conservation check. */
    public record Survey(ActorRef<TreeOwnerActor.Command> replyTo) implements Command {
    }

    public static Behavior<Command> create(Policy policy, ActorRef<TreeOwnerActor.Command> tree) {
        return Behaviors.setup(ctx -> new DepotActor(policy, tree).behavior());
    }

    private static final long[] NONE = new long[0];

    private final Policy policy;
    private final ActorRef<TreeOwnerActor.Command> tree;
    private final Depot[] depots = new Depot[SizeClass.CACHED_CLASSES];

    private DepotActor(Policy policy, ActorRef<TreeOwnerActor.Command> tree) {
        this.policy = policy;
        this.tree = tree;
        for (int c = 0; c < depots.length; c++) depots[c] = Depot.forPolicy(policy);
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(TakeFull.class, this::onTakeFull)
                .onMessage(PutFull.class, this::onPutFull)
                .onMessage(Drain.class, this::onDrain)
                .onMessage(Survey.class, this::onSurvey)
                .build();
    }

    private Behavior<Command> onTakeFull(TakeFull m) {
        Magazine full = depots[m.sizeClass()].pop();
        m.replyTo().tell(new CpuActor.FromDepot(full == null ? NONE : full.toArray()));
        return Behaviors.same();
    }

    private Behavior<Command> onPutFull(PutFull m) {
        if (depots[m.sizeClass()].push(Magazine.of(policy.magazineSize(), m.pfns()))) {
            m.replyTo().tell(new CpuActor.Applied(CpuActor.TO_DEPOT, false));
        } else {
            tree.tell(new TreeOwnerActor.FreeBatch(m.pfns(), CpuActor.DEPOT_OVERFLOW, m.replyTo()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDrain(Drain m) {
        PfnList pfns = new PfnList();
        for (Depot d : depots) d.drainTo(pfns);
        m.replyTo().tell(new TreeOwnerActor.DepotDrained(m.round(), pfns.toArray()));
        return Behaviors.same();
    }

    private Behavior<Command> onSurvey(Survey m) {
        PfnList pfns = new PfnList();
        for (Depot d : depots) {
            for (int i = 0; i < d.size(); i++) {
                Magazine mag = d.get(i);
                for (int k = 0; k < mag.size(); k++) pfns.accept(mag.get(k));
            }
        }
        m.replyTo().tell(new TreeOwnerActor.DepotHoldings(pfns.toArray()));
        return Behaviors.same();
    }
}
