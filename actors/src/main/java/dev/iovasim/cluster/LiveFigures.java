package dev.iovasim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.WorkloadDriver;

/**
 * A {@link CpuHost}'s live figures: while a run goes it asks the local CPUs for their figures
 * (counters, allocation latency) every {@link FreeRun#LIVE_INTERVAL} and, once all have answered,
 * hands the node's sum to its metrics (each CPU's counters apart too, if they ask:
 * {@link RunFigures#eachCpu}). A CPU is asked again only once it has answered, so a slow CPU never
 * has questions piling up; answers that arrive after the run's end (or from an earlier run) are
 * ignored, since that run's final figures are already handed over. A part of the host, not an
 * actor: its messages come through the host's mailbox.
 */
final class LiveFigures {

    /** Time to ask the CPUs again. */
    enum LiveTick implements CpuHost.Command { INSTANCE }

    /** A CPU's figures asked for during run {@code run}; null when it did not answer in time. */
    record LiveStats(long run, WorkloadDriver.CpuStats stats) implements CpuHost.Command {
    }

    private final ActorContext<CpuHost.Command> ctx;
    private final TimerScheduler<CpuHost.Command> timers;
    private final RunFigures<CpuFigures> figures;
    private HostedCpus cpus = HostedCpus.NONE;
    /** Each local CPU's latest figures while a run goes (null before its first answer); null between runs. */
    private WorkloadDriver.CpuStats[] latest;
    /** Answers still due to the last tick's questions. */
    private int asked;

    LiveFigures(ActorContext<CpuHost.Command> ctx, TimerScheduler<CpuHost.Command> timers, RunFigures<CpuFigures> figures) {
        this.ctx = ctx;
        this.timers = timers;
        this.figures = figures;
    }

    /** The run of {@code cpus} starts: ask every interval from now on. */
    void begin(HostedCpus cpus) {
        this.cpus = cpus;
        latest = new WorkloadDriver.CpuStats[cpus.refs().size()];
        asked = 0;
        timers.startTimerWithFixedDelay(LiveTick.INSTANCE, FreeRun.LIVE_INTERVAL);
    }

    /** The run ended or its actors are stopped: no more questions, and late answers are ignored. */
    void end() {
        timers.cancel(LiveTick.INSTANCE);
        latest = null;
    }

    void tick() {
        if (latest == null || asked > 0) return;
        long askedIn = cpus.run();
        for (ActorRef<CpuActor.Command> c : cpus.refs()) {
            ctx.ask(WorkloadDriver.CpuStats.class, c, cpus.askTimeout(), WorkloadDriver.Stats::new,
                    (r, e) -> new LiveStats(askedIn, r));
        }
        asked = cpus.refs().size();
    }

    void answered(LiveStats m) {
        if (latest == null || m.run() != cpus.run()) return;
        if (m.stats() != null) latest[m.stats().cpu() - cpus.first()] = m.stats();
        if (--asked > 0) return;
        CpuFigures sum = new CpuFigures(figures.eachCpu());
        for (WorkloadDriver.CpuStats s : latest) {
            if (s != null) sum.add(s);
        }
        figures.live(cpus.policy(), cpus.run(), sum);
    }
}
