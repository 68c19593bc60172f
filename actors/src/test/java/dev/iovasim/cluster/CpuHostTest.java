package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.actors.WorkloadDriver;
import dev.iovasim.actors.CpuFigures;
import dev.iovasim.actors.DepotActor;
import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.TreeOwnerActor;
import dev.iovasim.actors.FanOutTargets;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cpu node's host in one actor system with a tree owner and depot: while its CPUs run it hands
 * over their summed counters and latency records, growing, then their final reports once, and
 * nothing after that; asked for per-CPU figures, each CPU's counters come apart too.
 */
class CpuHostTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final int CPUS = 2;
    /** Operations per CPU: a run of seconds, so that several live rounds come before the end. */
    private static final long OPS = 3_000_000;
    private static final long RUN = 7;

    /**
     * @param latencies allocation latencies recorded, all outcomes
     * @param eachCpu   each CPU's counters, as the host kept them apart for per-CPU metrics
     */
    private record Call(boolean end, String policy, long run, long[] stats, long latencies, List<CpuFigures.Cpu> eachCpu) {
        Call(boolean end, String policy, long run, CpuFigures figures) {
            this(end, policy, run, figures.stats(), latencies(figures), figures.eachCpu());
        }

        private static long latencies(CpuFigures f) {
            long n = 0;
            for (int o = 0; o < Outcome.COUNT; o++) n += f.latency(o).getTotalCount();
            return n;
        }
    }

    /** The host's hand-overs, in order. */
    private static final class Recorded implements RunFigures<CpuFigures> {
        final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

        @Override
        public void live(String policy, long run, CpuFigures figures) {
            calls.add(new Call(false, policy, run, figures));
        }

        @Override
        public void end(String policy, long run, CpuFigures figures) {
            calls.add(new Call(true, policy, run, figures));
        }

        /** As a node with per-CPU metrics asks. */
        @Override
        public boolean eachCpu() {
            return true;
        }
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    @Timeout(180)
    void liveSumsGrowDuringTheRunThenTheFinalReportsComeOnceAndNothingAfter() throws InterruptedException {
        Policy policy = Policy.LINUX_6_1;
        EngineSettings settings = EngineSettings.defaults();
        DomainConfig d = WorkloadCatalogue.byName("sac-pressure").domain(CPUS);
        ActorRef<TreeOwnerActor.Command> tree = KIT.spawn(TreeOwnerActor.create(policy,
                new IovaDomain(policy.search(), true, d.granule(), d.startPfn()), settings, () -> 0));
        ActorRef<DepotActor.Command> depot = KIT.spawn(DepotActor.create(policy, tree, CPUS, true));
        Recorded figures = new Recorded();
        ActorRef<CpuHost.Command> host = KIT.spawn(CpuHost.create(figures, () -> { }));

        TestProbe<CpuHost.Spawned> spawned = KIT.createTestProbe();
        host.tell(new CpuHost.Spawn(RUN, 0, CPUS, CPUS, policy.name(), policy.magazineSize(), d.dma32Pfn(), "sac-pressure",
                1, OPS, settings.askTimeout().toMillis(), settings.opsPerRun(), settings.throughput(), tree, depot,
                spawned.ref()));
        ActorRef<CpuActor.Command>[] cpus = spawned.receiveMessage().cpus();
        tree.tell(new FanOutTargets.Attach(List.of(cpus), depot));
        TestProbe<HostRun.HostReports> done = KIT.createTestProbe();
        host.tell(new HostRun.StartAll(cpus, done.ref()));
        HostRun.HostReports reports = done.receiveMessage(Duration.ofSeconds(150));

        List<Call> calls = new ArrayList<>();
        figures.calls.drainTo(calls);
        Call last = calls.get(calls.size() - 1);
        assertTrue(last.end(), "the final reports come last");
        long[] sum = new AllocStats().toVector();
        for (WorkloadDriver.CpuReport r : reports.reports()) AllocStats.addVectors(sum, r.stats());
        assertArrayEquals(sum, last.stats(), "the end hands over the CPUs' reports summed");
        assertEquals(allocs(sum), last.latencies(), "one latency recorded per allocation");
        for (WorkloadDriver.CpuReport r : reports.reports()) {
            assertArrayEquals(r.stats(), last.eachCpu().stream().filter(c -> c.cpu() == r.cpu()).findFirst().orElseThrow().stats(),
                    "the end hands over each CPU's report apart too: cpu " + r.cpu());
        }
        assertEquals(CPUS, last.eachCpu().size());
        List<Call> live = calls.subList(0, calls.size() - 1);
        assertTrue(live.stream().noneMatch(Call::end), "one end per run");
        assertTrue(live.stream().anyMatch(c -> allocs(c.stats()) > 0 && allocs(c.stats()) < allocs(sum)),
                "no live sum between 0 and the final " + allocs(sum) + " allocations: " + live.size() + " live calls");
        assertTrue(live.stream().anyMatch(c -> c.latencies() > 0 && c.latencies() < last.latencies()),
                "no live latency record between 0 and the final " + last.latencies());
        Call before = new Call(false, policy.name(), RUN, new AllocStats().toVector(), 0, List.of());
        for (Call c : calls) {
            long[] each = new AllocStats().toVector();
            for (CpuFigures.Cpu cpu : c.eachCpu()) AllocStats.addVectors(each, cpu.stats());
            assertArrayEquals(c.stats(), each, "each CPU's counters add up to the sum handed over");
            assertEquals(policy.name(), c.policy());
            assertEquals(RUN, c.run());
            for (int i = 0; i < sum.length; i++) assertTrue(before.stats()[i] <= c.stats()[i], "counter " + i + " went back");
            assertTrue(before.latencies() <= c.latencies(), "the latency records went back");
            before = c;
        }
        // answers to the last live round may still be on their way: none may be handed over
        assertNull(figures.calls.poll(3 * FreeRun.LIVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS),
                "a hand-over after the run's end");
    }

    private static long allocs(long[] stats) {
        AllocStats s = new AllocStats();
        s.addVector(stats);
        return s.get(Counter.ALLOCS);
    }
}
