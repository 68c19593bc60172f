package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.TreeOwnerActor;
import java.util.List;

/**
 * The per-node fan-out: takes one Flush for all the CPUs of its node, flushes each locally, and
 * answers the tree owner once, with every CPU's pfns concatenated in CPU order. The tree owner
 * frees them exactly as if each CPU had answered itself, so the pfns are the direct fan-out's.
 */
final class NodeFlusher {
    private record LocalAnswer(TreeOwnerActor.Command answer) implements CpuActor.Command {
    }

    private final int first;
    private final List<ActorRef<CpuActor.Command>> cpus;
    private final ActorRef<TreeOwnerActor.Command> answers;
    private long[][] pfns;
    private int due;
    private long round = -1;
    private ActorRef<TreeOwnerActor.Command> replyTo;

    private NodeFlusher(ActorContext<CpuActor.Command> ctx, int first, List<ActorRef<CpuActor.Command>> cpus) {
        this.first = first;
        this.cpus = cpus;
        this.answers = ctx.messageAdapter(TreeOwnerActor.Command.class, LocalAnswer::new);
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
        round = m.round();
        replyTo = m.replyTo();
        pfns = new long[cpus.size()][];
        due = cpus.size();
        for (ActorRef<CpuActor.Command> c : cpus) c.tell(new CpuActor.Flush(round, answers));
        if (due == 0) answer();
        return Behaviors.same();
    }

    private Behavior<CpuActor.Command> onAnswer(LocalAnswer m) {
        if (!(m.answer() instanceof TreeOwnerActor.Flushed f) || f.round() != round || pfns[f.cpu() - first] != null) {
            // a late answer of an earlier round: its pfns must still reach the tree
            replyToTree(m.answer());
            return Behaviors.same();
        }
        pfns[f.cpu() - first] = f.pfns();
        if (--due == 0) answer();
        return Behaviors.same();
    }

    private void replyToTree(TreeOwnerActor.Command late) {
        if (replyTo != null) replyTo.tell(late);
    }

    private void answer() {
        int[] counts = new int[pfns.length];
        int total = 0;
        for (int i = 0; i < pfns.length; i++) {
            counts[i] = pfns[i].length;
            total += counts[i];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] p : pfns) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        replyTo.tell(new TreeOwnerActor.NodeFlushed(round, first, counts, all));
    }
}
