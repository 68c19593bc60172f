package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.series.SeriesFigures;
import dev.iovasim.allocator.series.SeriesSource;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The actor engine as a {@link SeriesSource}: a row's figures are asked of each actor that holds
 * them (the tree owner's {@link TreeVisitBook}, the depot, every CPU's {@link CpuSeries}, and the
 * counters as a report gathers them), never read across actors. Asked where the driver waits for
 * every effect (between a lock-step replay's lines), the answers describe one moment. One JVM.
 */
final class ActorSeries implements SeriesSource {
    private final Machine machine;
    private final LongConsumer clock;
    private final Supplier<AllocStats> stats;

    /**
     * @param clock moves the machine's clock and waits for the timers due on the way
     * @param stats every actor's counters, summed
     */
    ActorSeries(Machine machine, LongConsumer clock, Supplier<AllocStats> stats) {
        if (machine.depot() == null) throw new UnsupportedOperationException("a time series needs the machine in one JVM");
        this.machine = machine;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void advanceClock(long nanos) {
        clock.accept(nanos);
    }

    @Override
    public SeriesFigures figures() {
        AllocStats s = stats.get();
        TreeVisitBook.TreeFigures tree = machine.ask(machine.tree(), TreeVisitBook.Sample::new, "the tree's series figures");
        DepotActor.DepotSizes depot = machine.ask(machine.depot(), DepotActor.Sizes::new, "the depot's sizes");
        long[] inCpus = new long[SizeClass.CACHED_CLASSES];
        long queued = 0;
        long longest = 0;
        for (int c = 0; c < machine.cpuCount(); c++) {
            CpuSeries.CpuSample cpu = machine.ask(machine.cpu(c), CpuSeries.Sample::new, "cpu " + c + "'s series figures");
            for (int cls = 0; cls < inCpus.length; cls++) inCpus[cls] += cpu.magazinePfns()[cls];
            queued += cpu.fqQueued();
            longest = Math.max(longest, cpu.fqQueued());
        }
        // lazy-single's one queue is the timer actor's
        long inOneQueue = machine.<FlushTimerActor.Command, FlushTimerActor.TimerReport>ask(machine.flushTimer(),
                FlushTimerActor.Report::new, "the one queue's length").queued().length;
        queued += inOneQueue;
        longest = Math.max(longest, inOneQueue);
        long magazines = 0;
        for (int m : depot.magazines()) magazines += m;
        return new SeriesFigures(s, tree.nodes(), inCpus, depot.pfns(), magazines, queued, longest,
                tree.max32FastFails(), tree.max32Resets(), tree.allocNodes(), tree.freeNodes());
    }
}
