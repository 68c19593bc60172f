package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import java.util.function.LongSupplier;

/**
 * A free-running CPU's side of a time series' barrier ({@link IntervalBarriers}), with its own
 * protocol: the CPU runs its workload until its next operation would start after the boundary,
 * holds that operation there and says so; a later {@link HoldAt} releases it up to the next
 * boundary. A CPU whose share is done has arrived at every boundary. Part of the
 * {@link WorkloadDriver}, which asks {@link #holds} before each operation.
 */
final class IntervalHold {

    /**
     * Run no operation whose virtual time (the CPU's summed gaps, that operation's included) is
     * after {@code boundaryNanos}; answer once the next one would be, or once the share is done.
     * Sent before {@code Start} it only sets the first boundary.
     */
    record HoldAt(long boundaryNanos, ActorRef<Held> replyTo) implements CpuActor.Command {
    }

    /**
     * Answered between operations, after what was sent to this CPU before: in one JVM, once every
     * CPU has, an unmap another CPU sent it has been run. Across JVMs no mailbox order says so (an
     * unmap from another node may come after the question), so the answer carries this CPU's
     * completion counts and the barrier asks again until the sums agree. Cheaper than a report (no
     * latency histograms).
     */
    record Settle(ActorRef<Held> replyTo) implements CpuActor.Command {
    }

    /**
     * @param clockNanos the CPU's virtual time: its last operation's
     * @param ops        the operations this CPU has completed (its own and those sent to it)
     * @param ended      the CPU has run its share (and its handovers have arrived)
     * @param sent       the IRQ-CPU unmaps ({@link CpuFlushQueue.Completion}) this CPU has sent
     * @param ran        those it has run
     */
    record Held(int cpu, long clockNanos, long ops, boolean ended, long sent, long ran) implements WireMessage {
    }

    /** The CPU whose number, completed operations and IRQ-CPU completions an answer carries. */
    private final CpuActor cpu;
    private final LongSupplier clock;
    /** No boundary (no time series): the CPU never holds. */
    private long boundary = Long.MAX_VALUE;
    private ActorRef<Held> reply;

    IntervalHold(CpuActor cpu, LongSupplier clock) {
        this.cpu = cpu;
        this.clock = clock;
    }

    /** The boundary to run up to, and whom to tell of the arrival there. */
    void next(HoldAt m) {
        boundary = m.boundaryNanos();
        reply = m.replyTo();
    }

    /** Whether an operation at virtual time {@code t} belongs to the interval this CPU runs. */
    boolean within(long t) {
        return t <= boundary;
    }

    /** An operation at {@code t} waits if it is past the boundary; the first time, the CPU says it has arrived. */
    boolean holds(long t) {
        if (within(t)) return false;
        if (reply != null) reply.tell(held(false));
        reply = null;
        return true;
    }

    /** The share is done: this CPU has arrived at this boundary and every later one. */
    void ended() {
        if (reply != null) reply.tell(held(true));
        reply = null;
    }

    Held held(boolean ended) {
        CpuFlushQueue.Completions c = cpu.fq.completions();
        return new Held(cpu.cpu, clock.getAsLong(), cpu.counters.ops(), ended, c.sent(), c.ran());
    }
}
