package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.series.SeriesFigures;
import dev.iovasim.allocator.series.SeriesSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The actor engine as a {@link SeriesSource}: a row's figures are asked of each actor that holds
 * them (the tree owner's {@link TreeVisitBook}, the depot, every CPU's {@link CpuSeries} with its
 * counters, the tree owner's and the timer's counters as a report gathers them), never read across
 * actors. Asked where the driver waits for every effect (between a lock-step replay's lines), the
 * answers describe one moment. On a cluster only the CPUs' answers cross a JVM: the tree owner, the
 * depot and the clock live beside the driver, on the tree node.
 */
final class ActorSeries implements SeriesSource {
    private final Machine machine;
    private final LongConsumer clock;
    private final AllocStats driver;
    /** Each CPU's counters at its last answer: a CPU lost with its node keeps them in every later row. */
    private final long[][] lastCpuStats;

    /**
     * @param clock  moves the machine's clock and waits for the timers due on the way
     * @param driver counters the driver keeps beside the actors' (lock-step replay's DMA layer), read at each row
     */
    ActorSeries(Machine machine, LongConsumer clock, AllocStats driver) {
        this.machine = machine;
        this.clock = clock;
        this.driver = driver;
        this.lastCpuStats = new long[machine.cpuCount()][];
    }

    /** Each CPU's counters, asked in CPU order, each answering between operations. */
    static List<CpuFigures.Cpu> cpuCounters(Machine machine) {
        return machine.askEveryCpu(WorkloadDriver.Report::new, "report", machine.settings().askTimeout()).stream()
                .map(r -> new CpuFigures.Cpu(r.cpu(), r.stats())).toList();
    }

    /** The counters no CPU keeps, as a run's report adds them to the CPUs': the tree owner's and the flush-queue timer's. */
    static AllocStats ownersCounters(Machine machine) {
        AllocStats total = new AllocStats();
        TreeReports.TreeReport t = machine.ask(machine.tree(), TreeOwnerActor.Report::new, "the tree owner's report");
        total.addVector(t.stats());
        FlushTimerActor.TimerReport f = machine.ask(machine.flushTimer(), FlushTimerActor.Report::new,
                "the flush-queue timer's report");
        total.addVector(f.stats());
        return total;
    }

    /** The CPUs' counter vectors summed, with the tree owner's and the flush-queue timer's. */
    private static AllocStats withOwners(Machine machine, List<long[]> cpus) {
        AllocStats total = ownersCounters(machine);
        for (long[] v : cpus) total.addVector(v);
        return total;
    }

    @Override
    public void advanceClock(long nanos) {
        clock.accept(nanos);
    }

    @Override
    public SeriesFigures figures() {
        List<CpuSeries.CpuSample> cpus = machine.askEveryCpu(CpuSeries.Sample::new, "series figures",
                machine.settings().askTimeout());
        for (CpuSeries.CpuSample cpu : cpus) lastCpuStats[cpu.cpu()] = cpu.stats();
        // what a lost CPU counted happened: keeping its last counters, no interval column goes below 0
        AllocStats s = withOwners(machine, Arrays.stream(lastCpuStats).filter(Objects::nonNull).toList());
        s.addVector(driver.toVector());
        TreeVisitBook.TreeFigures tree = machine.ask(machine.tree(), TreeVisitBook.Sample::new, "the tree's series figures");
        DepotActor.DepotSizes depot = machine.ask(machine.depot(), DepotActor.Sizes::new, "the depot's sizes");
        long[] inCpus = new long[SizeClass.CACHED_CLASSES];
        long queued = 0;
        long longest = 0;
        for (CpuSeries.CpuSample cpu : cpus) {
            for (int cls = 0; cls < inCpus.length; cls++) inCpus[cls] += cpu.magazinePfns()[cls];
            queued += cpu.fqQueued();
            longest = Math.max(longest, cpu.fqQueued());
        }
        // lazy-single's one queue is the timer actor's
        long inOneQueue = machine.<FlushTimerActor.Command, FlushTimerActor.TimerReport>ask(machine.flushTimer(),
                FlushTimerActor.Report::new, "the one queue's length").queued().length;
        queued += inOneQueue;
        longest = Math.max(longest, inOneQueue);
        return new SeriesFigures(s, tree.nodes(), inCpus, depot.pfns(), Arrays.stream(depot.magazines()).sum(), queued, longest,
                tree.max32FastFails(), tree.max32Resets(), tree.allocNodes(), tree.freeNodes());
    }
}
