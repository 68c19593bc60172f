package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.SizeClass;
import dev.iovasim.allocator.workload.CpuWorkload;
import dev.iovasim.allocator.workload.WorkOp;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A free-running CPU actor's workload and its figures: runs the CPU's {@link CpuWorkload} to its
 * end in slices ({@code opsPerRun} operations, then a message to itself so flushes and surveys get
 * in), reports the CPU's counters while a run goes and at its end. Part of the {@link CpuActor}, so
 * an operation the rcache serves costs no message; a miss parks the run until the ladder's answer.
 *
 * <p>The CPU's own view of the DMA layer decides its maps' SAC attempts. When its failed SAC
 * attempt clears a device's flag, every peer hears of it ({@link DeviceSwitched}, also across
 * JVMs): the kernel's flag is a plain field that other CPUs read without a lock, so they too may
 * make one more attempt before they see the store.
 */
public final class WorkloadDriver {

    /** Run this CPU's workload to its end, then answer with the CPU's report. */
    public record Start(List<ActorRef<CpuActor.Command>> peers, ActorRef<CpuReport> replyTo) implements CpuActor.Command {
    }

    /** Another CPU's allocation that this CPU's workload now holds and will free. Served in any state. */
    public record Adopt(long pfn, long size) implements CpuActor.Command {
    }

    /**
     * A peer's SAC attempt failed and cleared {@code device}'s flag (v6.4+ sticky rule): this CPU's
     * view of the DMA layer follows. Served in any state, like the kernel's racy read of the flag.
     */
    public record DeviceSwitched(int device) implements CpuActor.Command {
    }

    public record Report(ActorRef<CpuReport> replyTo) implements CpuActor.Command {
    }

    /**
     * @param stats   this CPU's counters ({@link dev.iovasim.allocator.AllocStats#toVector()})
     * @param latency allocation latency per outcome, encoded HdrHistograms of nanoseconds
     */
    public record CpuReport(int cpu, long ops, long[] stats, byte[][] latency, long errors, String firstError)
            implements WireMessage {
    }

    /**
     * This CPU's counters so far, for metrics published while a run goes. Served in any state:
     * it only reads the counters, so it need not wait behind the operation in progress.
     */
    public record Stats(ActorRef<CpuStats> replyTo) implements CpuActor.Command {
    }

    /**
     * @param stats   this CPU's counters ({@link dev.iovasim.allocator.AllocStats#toVector()}) when it answered
     * @param latency its allocation latency so far, as in {@link CpuReport}
     */
    public record CpuStats(int cpu, long[] stats, byte[][] latency) implements WireMessage {
    }

    private enum RunSome implements CpuActor.Command { INSTANCE }

    /**
     * Workload operations started by this JVM's CPU actors, for a progress line. A plain adder,
     * not a message: the progress of a long run must not cost the run a message per operation.
     */
    private static final LongAdder STARTED = new LongAdder();

    private final CpuActor cpu;
    private final CpuWorkload workload;
    /** This CPU's view of the DMA layer's device flags, for its own workload's maps. */
    private final DmaLayer dma;
    private final int opsPerRun;
    private final HandoverWindow window;
    /** A time series' barrier: where this CPU's run stops until every CPU has reached the boundary. */
    private final IntervalHold hold;
    private WorkOp work = new WorkOp();
    // an operation read ahead to see whether a chained free pairs with it; runs next
    private WorkOp next = new WorkOp();
    private boolean nextReady;
    /** This CPU's virtual time: the sum of its workload operations' gaps (6.7's depot trim runs on it). */
    private long clockNanos;
    private boolean ended;
    /** A RunSome is on its way: an operation another CPU sent here (an IRQ CPU's unmap) must not start a second. */
    private boolean slicePending;
    private ActorRef<CpuReport> runReply;

    WorkloadDriver(CpuActor cpu, CpuWorkload workload, DmaLayer dma, int opsPerRun) {
        this.cpu = cpu;
        this.workload = workload;
        this.dma = dma;
        this.opsPerRun = opsPerRun;
        this.window = new HandoverWindow(cpu.cpu, cpu.ctx.getSelf(), workload, this::operationDone);
        this.hold = new IntervalHold(cpu, this::clockNanos);
    }

    /** Start, the run's slices and the final report wait while an operation waits for its answer. */
    BehaviorBuilder<CpuActor.Command> servedWhenIdle(BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(Start.class, this::onStart)
                .onMessage(RunSome.class, m -> {
                    slicePending = false;
                    return runSome();
                })
                .onMessage(Report.class, m -> Reply.to(m.replyTo(), cpu.counters.report(cpu.cpu)))
                .onMessage(IntervalHold.HoldAt.class, this::onHoldAt)
                .onMessage(IntervalHold.Settle.class, m -> Reply.to(m.replyTo(), hold.held(ended && runReply == null)));
    }

    BehaviorBuilder<CpuActor.Command> servedInAnyState(BehaviorBuilder<CpuActor.Command> b) {
        return window.served(b.onMessage(Adopt.class, m -> Reply.same(() -> workload.adopt(m.pfn(), m.size())))
                .onMessage(Stats.class, m -> Reply.to(m.replyTo(), cpu.counters.snapshot(cpu.cpu)))
                .onMessage(DeviceSwitched.class, m -> Reply.same(() -> dma.markSwitched(m.device()))));
    }

    /** Operations started so far in this JVM (compare two readings). */
    public static long opsStarted() {
        return STARTED.sum();
    }

    long clockNanos() {
        return clockNanos;
    }

    /** What this CPU's workload holds (mapped, not yet freed), for the conservation survey. */
    long[] heldPfns() {
        PfnList held = new PfnList();
        if (workload != null) workload.forEachHeldPfn(held);
        return held.toArray();
    }

    /** An operation (or the wait for the handover window) is over: a free run goes on. */
    void operationDone() {
        if (runReply != null && !slicePending) nextSlice();
    }

    private void nextSlice() {
        slicePending = true;
        cpu.ctx.getSelf().tell(RunSome.INSTANCE);
    }

    void handOver(long pfn, long size, int toCpu) {
        window.handOver(pfn, size, toCpu);
    }

    /** This CPU's own map failed its SAC attempt: the DMA layer may switch the device, and the peers follow. */
    void sacFailed(int device) {
        if (dma.sacFailed(device)) window.tellPeers(new DeviceSwitched(device));
    }

    private Behavior<CpuActor.Command> onStart(Start m) {
        runReply = m.replyTo();
        window.start(m.peers());
        return runSome();
    }

    /** Up to opsPerRun workload operations; hits finish inline, a miss parks the run until its answer. */
    private Behavior<CpuActor.Command> runSome() {
        for (int n = 0; n < opsPerRun; n++) {
            if (window.full()) {
                window.waitForRoom();
                return cpu.idle;
            }
            if (nextReady) {
                WorkOp t = work;
                work = next;
                next = t;
                nextReady = false;
            } else if (ended || !workload.next(work)) {
                ended = true;
                // the end is reported once every handover has arrived: the survey must find them
                if (window.waitIfUnacknowledged()) return cpu.idle;
                runReply.tell(cpu.counters.report(cpu.cpu));
                runReply = null;
                hold.ended();
                return cpu.idle;
            }
            if (hold.holds(clockNanos + work.gapNanos)) {
                // kept for the release: the next slice takes it first
                WorkOp t = next;
                next = work;
                work = t;
                nextReady = true;
                return cpu.idle;
            }
            STARTED.increment();
            if (runOne() == cpu.waiting) return cpu.waiting;
        }
        nextSlice();
        return cpu.idle;
    }

    private Behavior<CpuActor.Command> runOne() {
        clockNanos += work.gapNanos;
        PendingOp op = cpu.op;
        switch (work.kind) {
            case WorkOp.ALLOC -> op.alloc(work.size, work.limit, work.flush, null);
            case WorkOp.MAP -> op.map(work.size, work.limit, dma.sacAttempt(work.device, work.limit), work.device, null);
            case WorkOp.FREE -> {
                if (work.chained && uncached(work.size) && cpu.fq.freesHere() && workload.next(next)) {
                    // not past a time series' boundary: the allocation waits there as any operation does
                    if (next.kind == WorkOp.ALLOC && uncached(SizeClass.round(next.size))
                            && hold.within(clockNanos + next.gapNanos)) return freeThenAlloc();
                    nextReady = true;
                }
                op.free(work.size, null);
                Behavior<CpuActor.Command> unmapped = cpu.fq.workloadUnmap(work.pfn, work.size, clockNanos, window);
                return unmapped != null ? unmapped : cpu.free(work.pfn);
            }
            default -> throw new IllegalStateException("cpu " + cpu.cpu + ": unknown workload op kind " + work.kind);
        }
        op.freeCpu = work.freeCpu;
        return cpu.attempt();
    }

    private static boolean uncached(long size) {
        return !SizeClass.cached(SizeClass.of(size));
    }

    /** A chained uncached free and the uncached allocation read ahead: one request to the tree owner. */
    private Behavior<CpuActor.Command> freeThenAlloc() {
        STARTED.increment();
        clockNanos += next.gapNanos;
        PendingOp op = cpu.op;
        op.alloc(next.size, next.limit, next.flush, null);
        op.freeCpu = next.freeCpu;
        return cpu.freeThenAlloc(work.pfn, work.size);
    }

    /** The next boundary: a CPU held at the last one runs on; one whose share is done has arrived already. */
    private Behavior<CpuActor.Command> onHoldAt(IntervalHold.HoldAt m) {
        hold.next(m);
        if (ended && runReply == null) {
            hold.ended();
        } else if (runReply != null && !slicePending) {
            nextSlice();
        }
        return Behaviors.same();
    }
}
