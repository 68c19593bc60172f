package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.FlushQueue;
import dev.iovasim.allocator.FqRing;
import dev.iovasim.allocator.Invalidation;
import java.util.Arrays;

/**
 * A CPU actor's flush queue for lazy invalidation: its own ring ({@link FqRing}) and the frees
 * the ring hands out, which go through this CPU's free_iova_fast, one after another, as the
 * kernel's fq_ring_free calls it in a loop. The counters and the timer are domain-wide, the
 * {@link FlushTimerActor}'s: queue_iova asks it for the finish counter (which arms the timer),
 * and, when the ring is still full, for an IOTLB flush first. fq_flush_timeout is the timer
 * actor's walk: it drains every CPU's ring ({@link DrainRing}, served in any state, as a
 * {@link CpuActor.Flush}) and has the CPU that armed the timer free the entries ({@link FreeQueued}).
 * Under lazy-single the one ring is the timer actor's: queue_iova sends it the entry
 * ({@link FlushTimerActor.QueueSingle}) and frees what comes back ({@link SingleFreed}).
 * Free-running, a workload's unmap on another IRQ CPU travels there as a {@link Completion}; each
 * CPU counts those it sent and those it ran, so that the run can tell when none is on its way
 * (across JVMs no mailbox order says so). Part of the {@link CpuActor}, with its own protocol, as
 * {@link WorkloadDriver} is.
 */
public final class CpuFlushQueue {

    /**
     * The DMA layer's unmap on this CPU under lazy invalidation: queue_iova at the simulated time
     * {@code nowNanos} under {@code mode} ({@link Invalidation#word}: lazy's own ring, or lazy-single's one queue).
     */
    public record Unmap(long pfn, long pages, long nowNanos, String mode, ActorRef<FlushTimerActor.Command> timer,
                        ActorRef<CpuActor.Completed> replyTo) implements CpuActor.Command {
    }

    /** The timer actor's answer to {@link FlushTimerActor.Queueing}: the finish counter now; {@code op} is the request's tag. */
    public record FqCounter(long finishCnt, long op) implements CpuActor.Command {
    }

    /**
     * fq_flush_timeout's walk reaches this CPU's ring: hand over, as (pfn, pages) pairs, the entries
     * flushed before {@code finishCnt}, their wait measured until {@code nowNanos}. Served in any state.
     */
    public record DrainRing(long finishCnt, long nowNanos, ActorRef<FlushTimerActor.Command> replyTo)
            implements CpuActor.Command {
    }

    /** The answer to {@link FlushTimerActor.QueueSingle}: (pfn, pages) pairs the one ring freed, for this CPU to free. */
    public record SingleFreed(long[] entries, long op) implements CpuActor.Command {
    }

    /** fq_flush_timeout on this CPU, the one that armed the timer: free these (pfn, pages) pairs in order. */
    public record FreeQueued(long[] entries, ActorRef<CpuActor.Completed> replyTo) implements CpuActor.Command {
    }

    /**
     * Before a free-running run: this CPU's workload unmaps on {@code irqCpu} (itself without
     * --irq-cpus) under the unmap mode {@code mode} ({@link Invalidation#word}); answered with the
     * (zero) counts once set, so the run starts after every CPU has it.
     */
    public record UnmapsOn(int irqCpu, String mode, ActorRef<FlushTimerActor.Command> timer, ActorRef<Completions> replyTo)
            implements CpuActor.Command {
    }

    /**
     * Free-running: another CPU's workload unmapped this IOVA at its virtual time {@code nowNanos};
     * it completes here, the IRQ CPU. From another node it is acknowledged to {@code ackTo} as it
     * runs ({@link HandoverWindow}: the sender keeps a window of them, as of handovers); null from this JVM.
     */
    public record Completion(long pfn, long size, long nowNanos, ActorRef<CpuActor.Command> ackTo) implements CpuActor.Command {
    }

    public record Completions(long sent, long ran) implements WireMessage {
    }

    private final CpuActor cpu;
    private FqRing ring;
    /** (pfn, pages) pairs the ring handed out, waiting for this CPU's free_iova_fast; {@code next} is the first. */
    private long[] frees = new long[32];
    private int count;
    private int next;
    private final FlushQueue.Sink toFree = (onCpu, freed, freedPages) -> pend(freed, freedPages);
    // the queue_iova in progress
    private long pfn;
    private long pages;
    private long nowNanos;
    private ActorRef<FlushTimerActor.Command> timer;
    private boolean flushedFull;
    // where and how this CPU's workload unmaps (UnmapsOn)
    private int irqCpu = -1;
    private Invalidation mode = Invalidation.STRICT;
    private ActorRef<FlushTimerActor.Command> runTimer;
    private long completionsSent;
    private long completionsRan;

    CpuFlushQueue(CpuActor cpu) {
        this.cpu = cpu;
    }

    /**
     * Unmap, FreeQueued and Completion are operations: they wait while another is in progress (the
     * completion counts, {@link #completions}, go out with {@link IntervalHold.Settle}'s answer,
     * between operations, after every completion that arrived before it).
     */
    BehaviorBuilder<CpuActor.Command> servedWhenIdle(BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(Unmap.class, this::onUnmap).onMessage(FreeQueued.class, this::onFreeQueued)
                .onMessage(Completion.class, this::onCompletion);
    }

    /** The counter is checked against the awaited tag; the ring's drain never waits. */
    BehaviorBuilder<CpuActor.Command> servedInAnyState(BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(FqCounter.class, this::onCounter).onMessage(DrainRing.class, this::onDrainRing)
                .onMessage(SingleFreed.class, this::onSingleFreed)
                .onMessage(UnmapsOn.class, m -> {
                    irqCpu = m.irqCpu();
                    mode = Invalidation.of(m.mode());
                    runTimer = m.timer();
                    return Reply.to(m.replyTo(), completions());
                });
    }

    Completions completions() {
        return new Completions(completionsSent, completionsRan);
    }

    private Behavior<CpuActor.Command> onUnmap(Unmap m) {
        cpu.op.free(m.pages(), m.replyTo());
        return queue(m.pfn(), m.pages(), m.nowNanos(), Invalidation.of(m.mode()), m.timer());
    }

    /** Another CPU's unmap, run here as this CPU's own would be (queue_iova, or a strict free). */
    private Behavior<CpuActor.Command> onCompletion(Completion m) {
        completionsRan++;
        if (m.ackTo() != null) m.ackTo().tell(new HandoverWindow.HandoverAck(cpu.cpu));
        cpu.op.free(m.size(), null);
        return mode.lazy() ? queue(m.pfn(), m.size(), m.nowNanos(), mode, runTimer) : cpu.free(m.pfn());
    }

    /**
     * queue_iova's first step (the operation in {@link CpuActor#op} is a free of {@code freedPages}):
     * the counter from the timer actor, or under lazy-single the whole queue_iova there.
     */
    private Behavior<CpuActor.Command> queue(long freed, long freedPages, long now, Invalidation in,
                                             ActorRef<FlushTimerActor.Command> to) {
        if (in.singleQueue()) {
            cpu.requests.fqSingle(to, freed, freedPages, now);
            return cpu.await();
        }
        if (ring == null) ring = new FqRing(in.slots());
        pfn = freed;
        pages = freedPages;
        nowNanos = now;
        timer = to;
        flushedFull = false;
        cpu.requests.fqQueueing(timer, nowNanos, false);
        return cpu.await();
    }

    /** Whether the workload's unmaps are plain frees on this very CPU (strict, no other IRQ CPU): they may chain. */
    boolean freesHere() {
        return !mode.lazy() && (irqCpu < 0 || irqCpu == cpu.cpu);
    }

    /**
     * The workload's unmap at its virtual time {@code now} (the operation is set up as a free of
     * {@code size}): on another IRQ CPU it travels there through {@code window} as that CPU's
     * completion, not waited for, and the run goes on; lazy here it is queue_iova; a strict one
     * here is null: the caller frees.
     */
    Behavior<CpuActor.Command> workloadUnmap(long freed, long size, long now, HandoverWindow window) {
        if (irqCpu >= 0 && irqCpu != cpu.cpu) {
            if (window.complete(irqCpu, freed, size, now)) completionsSent++;
            return cpu.idle;
        }
        return mode.lazy() ? queue(freed, size, now, mode, runTimer) : null;
    }

    /** queue_iova goes on: free what the counter allows; still full, flush first; then queue the entry. */
    private Behavior<CpuActor.Command> onCounter(FqCounter m) {
        if (!cpu.requests.awaited(m.op())) return Behaviors.same();
        ring.free(cpu.cpu, m.finishCnt(), nowNanos, cpu.counters.stats, toFree);
        if (ring.full() && !flushedFull) {
            flushedFull = true;
            cpu.requests.fqQueueing(timer, nowNanos, true);
            return cpu.await();
        }
        ring.add(pfn, pages, m.finishCnt(), nowNanos);
        cpu.counters.stats.inc(Counter.FQ_QUEUED);
        return cpu.completed();
    }

    /** lazy-single's queue_iova is done at the timer actor: free here what the one ring handed out. */
    private Behavior<CpuActor.Command> onSingleFreed(SingleFreed m) {
        if (!cpu.requests.awaited(m.op())) return Behaviors.same();
        for (int i = 0; i + 1 < m.entries().length; i += 2) pend(m.entries()[i], m.entries()[i + 1]);
        return cpu.completed();
    }

    private Behavior<CpuActor.Command> onFreeQueued(FreeQueued m) {
        cpu.op.free(0, m.replyTo());
        cpu.op.kind = PendingOp.TIMER_FREES;
        for (int i = 0; i + 1 < m.entries().length; i += 2) pend(m.entries()[i], m.entries()[i + 1]);
        return cpu.completed();
    }

    private Behavior<CpuActor.Command> onDrainRing(DrainRing m) {
        PfnList out = new PfnList();
        if (ring != null) ring.free(cpu.cpu, m.finishCnt(), m.nowNanos(), cpu.counters.stats, out);
        return Reply.to(m.replyTo(), new FlushTimerActor.RingDrained(cpu.cpu, out.toArray()));
    }

    private void pend(long freed, long freedPages) {
        if (count + 2 > frees.length) frees = Arrays.copyOf(frees, frees.length * 2);
        frees[count++] = freed;
        frees[count++] = freedPages;
    }

    /** The next handed-out entry through free_iova_fast on this CPU, or null when none is left. */
    Behavior<CpuActor.Command> freeNext() {
        if (next == count) {
            next = 0;
            count = 0;
            return null;
        }
        long freed = frees[next++];
        cpu.op.size = frees[next++];
        return cpu.free(freed);
    }

    /** IOVAs waiting in this CPU's queue. */
    int queued() {
        return ring == null ? 0 : ring.count();
    }

    /** {@code held} and every queued pfn: a queued IOVA is still allocated in the tree (the conservation survey). */
    long[] withQueued(long[] held) {
        if (ring == null || ring.count() == 0) return held;
        PfnList all = new PfnList();
        for (long p : held) all.accept(p);
        ring.forEachQueued(all);
        return all.toArray();
    }
}
