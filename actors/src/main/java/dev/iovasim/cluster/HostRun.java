package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.WireMessage;
import dev.iovasim.actors.WorkloadDriver;
import java.util.List;

/**
 * A {@link CpuHost}'s run of its CPUs: starts every local CPU's workload, answers the tree node's
 * progress questions, gathers the CPUs' final reports and answers once for all of them, handing
 * their sum (and each CPU's counters, if asked: {@link RunFigures#eachCpu}) to the node's metrics.
 * A part of the host, not an actor: its messages come through the host's mailbox.
 */
public final class HostRun {

    /** Run every local CPU's workload; {@code peers} are all CPUs of the machine, in CPU order. */
    public record StartAll(ActorRef<CpuActor.Command>[] peers, ActorRef<HostReports> replyTo) implements CpuHost.Command {
    }

    public record HostReports(WorkloadDriver.CpuReport[] reports) implements WireMessage {
    }

    /** How far the local CPUs' workloads are, for the tree node's progress line. */
    public record Progress(ActorRef<HostProgress> replyTo) implements CpuHost.Command {
    }

    /** @param ops workload operations the local CPUs have started since StartAll */
    public record HostProgress(long ops) implements WireMessage {
    }

    /** A local CPU's final report. */
    record CpuDone(WorkloadDriver.CpuReport report) implements CpuHost.Command {
    }

    private final RunFigures<CpuFigures> figures;
    private final LiveFigures live;
    private final ActorRef<WorkloadDriver.CpuReport> done;
    private HostedCpus cpus = HostedCpus.NONE;
    private WorkloadDriver.CpuReport[] reports;
    private int due;
    private ActorRef<HostReports> reportTo;
    private long opsBase;

    HostRun(ActorContext<CpuHost.Command> ctx, RunFigures<CpuFigures> figures, LiveFigures live) {
        this.figures = figures;
        this.live = live;
        this.done = ctx.messageAdapter(WorkloadDriver.CpuReport.class, CpuDone::new);
    }

    void start(HostedCpus cpus, StartAll m) {
        this.cpus = cpus;
        List<ActorRef<CpuActor.Command>> peers = List.of(m.peers());
        reports = new WorkloadDriver.CpuReport[cpus.refs().size()];
        due = cpus.refs().size();
        reportTo = m.replyTo();
        opsBase = WorkloadDriver.opsStarted();
        live.begin(cpus);
        for (ActorRef<CpuActor.Command> c : cpus.refs()) c.tell(new WorkloadDriver.Start(peers, done));
        if (due == 0) answer();
    }

    void progress(Progress m) {
        m.replyTo().tell(new HostProgress(WorkloadDriver.opsStarted() - opsBase));
    }

    void cpuDone(CpuDone m) {
        reports[m.report().cpu() - cpus.first()] = m.report();
        if (--due == 0) answer();
    }

    private void answer() {
        live.end();
        CpuFigures sum = new CpuFigures(figures.eachCpu());
        for (WorkloadDriver.CpuReport r : reports) sum.add(r);
        figures.end(cpus.policy(), cpus.run(), sum);
        reportTo.tell(new HostReports(reports));
        reportTo = null;
    }
}
