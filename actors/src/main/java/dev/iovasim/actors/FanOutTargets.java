package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * Whom the tree owner's fan-outs reach: a flush's targets, as its {@link FanOutShape} chose them
 * (every CPU actor, or each cpu node's flusher; the flush's {@link FlushCoordinator} sends to
 * them), a survey's CPU actors, and the depot; and which CPUs are gone with their node
 * ({@link CpusLost}). A flush and a survey each take a fresh {@link Gather} from here, with the
 * lost CPUs already answered.
 */
public final class FanOutTargets {

    /**
     * Wires the tree owner to the actors that exist only after it; requests before it wait.
     *
     * @param flushTargets whom a flush sends to, in CPU order ({@link FanOutShape#reach})
     */
    public record Attach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<DepotActor.Command> depot,
                         List<Target> flushTargets) implements TreeOwnerActor.Command {
        /** In one JVM: the direct fan-out. */
        public Attach(List<ActorRef<CpuActor.Command>> cpus, ActorRef<DepotActor.Command> depot) {
            this(cpus, depot, FanOutCatalogue.DIRECT.reach(cpus, null, 0));
        }
    }

    /** One flush message's addressee and the CPUs [first, first + count) it answers for. */
    public record Target(ActorRef<CpuActor.Command> ref, int first, int count) {
    }

    /** The CPUs [first, first + count) are gone with their node: hot-unplugged. Served in any state. */
    public record CpusLost(int first, int count) implements TreeOwnerActor.Command {
    }

    private final List<ActorRef<CpuActor.Command>> cpus;
    private final List<Target> flushTargets;
    private final ActorRef<DepotActor.Command> depot;
    private final boolean[] lost;
    private List<Target> live;

    FanOutTargets(Attach m) {
        this.cpus = List.copyOf(m.cpus());
        this.flushTargets = List.copyOf(m.flushTargets());
        this.depot = m.depot();
        this.lost = new boolean[cpus.size()];
        this.live = flushTargets;
    }

    List<ActorRef<CpuActor.Command>> cpus() {
        return cpus;
    }

    ActorRef<DepotActor.Command> depot() {
        return depot;
    }

    /** The CPUs [first, first + count) are unplugged with their node: no fan-out waits for them again. */
    void lose(int first, int count) {
        for (int c = first; c < first + count; c++) lost[c] = true;
        live = flushTargets.stream().filter(t -> !lost[t.first()]).toList();
    }

    boolean lost(int cpu) {
        return lost[cpu];
    }

    boolean anyLost() {
        for (boolean l : lost) {
            if (l) return true;
        }
        return false;
    }

    /** Empty slots for the fan-out of {@code round}, the lost CPUs' already filled with nothing. */
    Gather gather(long round, boolean wantsDepot) {
        Gather g = new Gather(cpus.size(), round, wantsDepot);
        for (int c = 0; c < lost.length; c++) {
            if (lost[c]) g.lost(c);
        }
        return g;
    }

    /**
     * The targets whose CPUs are still there (a node's CPUs are lost together): whom a flush sends
     * to. An immutable list, remade only at a loss, so a flush coordinator may keep it.
     */
    List<Target> live() {
        return live;
    }

    /** A survey asks every surviving CPU and the depot for what they hold. */
    void survey(ActorRef<TreeOwnerActor.Command> replyTo) {
        for (int c = 0; c < cpus.size(); c++) {
            if (!lost[c]) cpus.get(c).tell(new CpuActor.Survey(replyTo));
        }
        depot.tell(new DepotActor.Survey(replyTo));
    }
}
