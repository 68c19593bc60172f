package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.FlushCoordinator;
import dev.iovasim.actors.PfnRuns;
import java.util.List;

/**
 * The per-node fan-out: takes one Flush for all the CPUs of its node, flushes each locally, and
 * answers the tree owner once, with every CPU's pfns concatenated in CPU order. The tree owner
 * frees them exactly as if each CPU had answered itself, so the pfns are the direct fan-out's.
 */
final class NodeFlusher {
    private record LocalAnswer(FlushCoordinator.Answer answer) implements CpuActor.Command {
    }

    private final int first;
    private final List<ActorRef<CpuActor.Command>> cpus;
    private final ActorRef<FlushCoordinator.Answer> answers;
    private PfnRuns[] pfns;
    private int due;
    private long round = -1;
    private ActorRef<FlushCoordinator.Answer> replyTo;
    /**
     * The round before, when a new flush came before all its answers: its coordinator stays for
     * them (it went on without this node), so they go there, not to the new round's.
     */
    private long lateRound = -1;
    private ActorRef<FlushCoordinator.Answer> lateReplyTo;

    private NodeFlusher(ActorContext<CpuActor.Command> ctx, int first, List<ActorRef<CpuActor.Command>> cpus) {
        this.first = first;
        this.cpus = cpus;
        this.answers = ctx.messageAdapter(FlushCoordinator.Answer.class, LocalAnswer::new);
    }

    static Behavior<CpuActor.Command> create(int first, List<ActorRef<CpuActor.Command>> cpus) {
        return Behaviors.setup(ctx -> new NodeFlusher(ctx, first, cpus).behavior());
    }

    private Behavior<CpuActor.Command> behavior() {
        return Behaviors.receive(CpuActor.Command.class)
                .onMessage(CpuActor.Flush.class, this::onFlush)
                .onMessage(LocalAnswer.class, this::onAnswer)
                .build();
    }

    private Behavior<CpuActor.Command> onFlush(CpuActor.Flush m) {
        // the owner went on without this node's last round: what that round gathered is freed as
        // late answers are, not dropped with the array below
        if (due > 0) unfinished();
        round = m.round();
        replyTo = m.replyTo();
        pfns = new PfnRuns[cpus.size()];
        due = cpus.size();
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.Flush(round, answers));
        if (due == 0) answer();
        return Behaviors.same();
    }

    private Behavior<CpuActor.Command> onAnswer(LocalAnswer m) {
        if (!(m.answer() instanceof FlushCoordinator.Flushed f) || f.round() != round || pfns[f.cpu() - first] != null) {
            // a late answer of an earlier round: its pfns must still reach the tree
            replyToTree(m.answer());
            return Behaviors.same();
        }
        pfns[f.cpu() - first] = f.pfns();
        if (--due == 0) answer();
        return Behaviors.same();
    }

    private void replyToTree(FlushCoordinator.Answer late) {
        boolean ofLateRound = late instanceof FlushCoordinator.Flushed f && f.round() == lateRound;
        ActorRef<FlushCoordinator.Answer> to = ofLateRound ? lateReplyTo : replyTo;
        if (to != null) to.tell(late);
    }

    /** The round in progress is overtaken: what it gathered goes to its coordinator now, each CPU on its own. */
    private void unfinished() {
        for (int i = 0; i < pfns.length; i++) {
            if (pfns[i] != null) replyTo.tell(new FlushCoordinator.Flushed(first + i, round, pfns[i]));
        }
        lateRound = round;
        lateReplyTo = replyTo;
    }

    /** One answer, or more when the pfns would not fit one network frame: chunks end at a CPU's end. */
    private void answer() {
        int from = 0;
        while (from < pfns.length) {
            int to = from;
            int total = 0;
            do {
                total += pfns[to].size();
                to++;
            } while (to < pfns.length && total + pfns[to].size() <= CHUNK_PFNS);
            replyTo.tell(chunk(from, to, total));
            from = to;
        }
        if (pfns.length == 0) replyTo.tell(new FlushCoordinator.NodeFlushed(round, first, new int[0], new long[0]));
    }

    /** At most 9 bytes per pfn (Kryo's variable-length longs) must stay below the frame size. */
    static final int CHUNK_PFNS = 48 * 1024;

    private FlushCoordinator.NodeFlushed chunk(int from, int to, int total) {
        int[] counts = new int[to - from];
        long[] all = new long[total];
        int at = 0;
        for (int i = from; i < to; i++) {
            counts[i - from] = pfns[i].size();
            at = pfns[i].copyTo(all, at);
        }
        return new FlushCoordinator.NodeFlushed(round, first + from, counts, all);
    }
}
