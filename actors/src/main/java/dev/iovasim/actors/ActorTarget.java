package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.trace.OpTarget;

/**
 * The actor engine as a trace target: each operation goes to its CPU's actor and is waited for
 * until every effect (depot, tree, flush) is applied, so replay is sequential and must print what
 * the reference engine prints.
 */
public final class ActorTarget implements OpTarget {
    private final Machine machine;
    /** The DMA layer's one instance: this driver decides every map's SAC attempt, so replay is deterministic. */
    private final AllocStats dmaStats = new AllocStats();
    private final DmaLayer dma;
    private int lastOutcome;
    private boolean staleSeen;
    private IovaDomain.StaleCachedNode staleNode;

    private ActorTarget(Machine machine) {
        this.machine = machine;
        this.dma = new DmaLayer(machine.policy(), machine.domain().dma32Pfn(), dmaStats);
    }

    public static ActorTarget create(Policy policy, DomainConfig config, boolean gapSearch, EngineSettings settings) {
        if (policy.invalidation().lazy()) {
            throw new IllegalArgumentException("invalidation=" + policy.invalidation().word()
                    + ": the actor engine has no flush queues yet; replay with --engine reference");
        }
        return new ActorTarget(LocalMachine.start(policy, config, gapSearch, false, settings, cpu -> null));
    }

    /** Replays onto a machine already started (a cluster's); closing the target closes it. */
    public static ActorTarget over(Machine machine) {
        return new ActorTarget(machine);
    }

    public Machine machine() {
        return machine;
    }

    @Override
    public long alloc(int cpu, long size, long limit, boolean flush) {
        return allocated(machine.ask(machine.cpu(cpu), r -> new CpuActor.Alloc(size, limit, flush, r), "alloc on cpu " + cpu));
    }

    @Override
    public long map(int cpu, long size, long limit, int device) {
        long sac = dma.sacAttempt(device, limit);
        CpuActor.Allocated a = machine.ask(machine.cpu(cpu), r -> new CpuActor.MapIova(size, limit, sac, r), "map on cpu " + cpu);
        if (a.sacFailed()) dma.sacFailed(device);
        return allocated(a);
    }

    private long allocated(CpuActor.Allocated a) {
        lastOutcome = a.outcome();
        staleSeen |= a.staleCachedNode();
        return a.pfn();
    }

    @Override
    public int lastOutcome() {
        return lastOutcome;
    }

    @Override
    public void free(int cpu, long pfn, long size) {
        completed(machine.ask(machine.cpu(cpu), r -> new CpuActor.Free(pfn, size, r), "free on cpu " + cpu));
    }

    @Override
    public void cpuDead(int cpu) {
        completed(machine.ask(machine.cpu(cpu), CpuActor.Unplug::new, "cpudead " + cpu));
    }

    private void completed(CpuActor.Completed c) {
        staleSeen |= c.staleCachedNode();
    }

    @Override
    public boolean reserve(long lo, long hi) {
        DriverRequests.Reserved r = machine.ask(machine.tree(), to -> new DriverRequests.Reserve(lo, hi, to), "reserve");
        return r.ok();
    }

    /** Every actor's counters, summed. */
    @Override
    public AllocStats stats() {
        AllocStats total = new AllocStats();
        for (int c = 0; c < machine.cpuCount(); c++) {
            WorkloadDriver.CpuReport r = machine.ask(machine.cpu(c), WorkloadDriver.Report::new, "report of cpu " + c);
            total.addVector(r.stats());
        }
        TreeReports.TreeReport t = machine.ask(machine.tree(), TreeOwnerActor.Report::new, "the tree owner's report");
        total.addVector(t.stats());
        total.addVector(dmaStats.toVector());
        return total;
    }

    @Override
    public Conservation.Result check(Conservation.Holdings held) {
        PfnList pfns = new PfnList();
        held.forEachHeld(pfns);
        long[] heldPfns = pfns.toArray();
        ConservationSurvey.Checked c = machine.ask(machine.tree(), r -> new ConservationSurvey.Check(heldPfns, r),
                "the conservation check");
        return new Conservation.Result(c.ok(), c.liveRanges(), c.problem());
    }

    /** Asks the tree owner only once a reply has said the moment has come (it never un-happens). */
    @Override
    public IovaDomain.StaleCachedNode staleCachedNode() {
        if (staleSeen && staleNode == null) {
            DriverRequests.StaleNode s = machine.ask(machine.tree(), DriverRequests.StaleQuery::new, "the stale node");
            if (s.present()) staleNode = new IovaDomain.StaleCachedNode(s.lo(), s.hi());
        }
        return staleNode;
    }

    @Override
    public String engineName() {
        return "actors";
    }

    @Override
    public void close() {
        machine.close();
    }
}
