package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.FlushQueueTimer;
import dev.iovasim.allocator.FqRing;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.OnlineCpus;
import java.util.List;

/**
 * The simulated clock of the actor engine and the flush queues' domain-wide part: the IOTLB flush
 * counters and the one timer ({@link FlushQueueTimer}). The clock moves only by message
 * ({@link AdvanceClock}); the timer is a message on that clock, never wall time: when the clock
 * passes its due time the depot first runs the trims due before then ({@link DepotActor.AdvanceClock}),
 * then fq_flush_timeout runs: the IOTLB flush, every CPU's ring drained in CPU order
 * ({@link CpuFlushQueue.DrainRing}) and the entries freed on the CPU that armed the timer
 * ({@link CpuFlushQueue.FreeQueued}), the order of {@link FlushQueueTimer#advance}. A move of the
 * clock is answered once all that is done; a later one waits in the stash.
 *
 * <p>Under {@code lazy-single} this actor also owns the domain's one queue (the kernel's
 * {@code single_fq}, under one lock: this mailbox): queue_iova is {@link QueueSingle}, done here
 * whole, and the entries it frees go back to the unmapping CPU for its free_iova_fast;
 * fq_flush_timeout frees that one ring on the CPU that armed the timer.
 */
public final class FlushTimerActor {

    public interface Command extends WireMessage {
    }

    /** Sets the unmap mode ({@link Invalidation#word}) before the first unmap (a trace's header may name one). */
    public record Mode(String mode, ActorRef<ClockMoved> replyTo) implements Command {
    }

    /**
     * queue_iova on {@code cpu} at {@code nowNanos} asks for the finish counter, arming the timer
     * unless it is armed; with {@code fullFlush} its ring was still full: flush the IOTLB first.
     */
    public record Queueing(int cpu, long nowNanos, boolean fullFlush, long op, ActorRef<CpuActor.Command> replyTo)
            implements Command {
    }

    /**
     * queue_iova under lazy-single on {@code cpu} at {@code nowNanos}: free what the finish counter
     * allows, flush the IOTLB if the one ring is still full, queue the entry, arm the timer; the
     * answer ({@link CpuFlushQueue.SingleFreed}) hands the freed entries to that CPU.
     */
    public record QueueSingle(int cpu, long pfn, long pages, long nowNanos, long op, ActorRef<CpuActor.Command> replyTo)
            implements Command {
    }

    /**
     * Move the clock to {@code nowNanos}, running every timer that falls due on the way; the answer
     * (none when {@code replyTo} is null) comes once they have run and every earlier move has ended.
     */
    public record AdvanceClock(long nowNanos, ActorRef<ClockMoved> replyTo) implements Command {
    }

    /**
     * A replay's CPU went offline (its cpudead: its pending timer moves, {@link FlushQueueTimer#cpuDead})
     * or is back ({@code online}, an operation on it); the depot's trims keep one magazine per online CPU.
     */
    public record Online(int cpu, boolean online, ActorRef<ClockMoved> replyTo) implements Command {
    }

    /** @param timersRan a trim or the flush queues' timer ran on the way: the tree may have seen a kernel event */
    public record ClockMoved(boolean timersRan) implements WireMessage {
    }

    /** The depot has run its trims up to the time it was told; {@code trimmed}: some magazine went to the tree. */
    public record DepotMoved(boolean trimmed) implements Command {
    }

    /** A CPU's flushed entries, (pfn, pages) pairs, for fq_flush_timeout. */
    public record RingDrained(int cpu, long[] entries) implements Command {
    }

    /**
     * CPUs [first, first + count) are gone with their node: fq_flush_timeout no longer waits for
     * their rings, and entries it would free on one of them are left to the run's reclaim.
     */
    public record CpusLost(int first, int count) implements Command {
    }

    /** The CPU that armed the timer has freed what the timer handed it. */
    private record QueuedFreed() implements Command {
    }

    public record Report(ActorRef<TimerReport> replyTo) implements Command {
    }

    /**
     * @param stats  the IOTLB flushes the flush queues made ({@link AllocStats#toVector()}), and under
     *               lazy-single the one ring's counters
     * @param queued the pfns waiting in lazy-single's one ring (still allocated in the tree); empty otherwise
     */
    public record TimerReport(long[] stats, long[] queued) implements WireMessage {
    }

    public static Behavior<Command> create(Invalidation mode, ActorRef<DepotActor.Command> depot,
                                           List<ActorRef<CpuActor.Command>> cpus) {
        return Behaviors.setup(ctx -> Behaviors.withStash(1 << 16, stash -> new FlushTimerActor(ctx, stash, mode, depot, cpus).idle));
    }

    private final ActorContext<Command> ctx;
    private final StashBuffer<Command> stash;
    private final ActorRef<DepotActor.Command> depot;
    private final List<ActorRef<CpuActor.Command>> cpus;
    private final AllocStats stats = new AllocStats();
    private final OnlineCpus online;
    private final ActorRef<CpuActor.Completed> freed;
    private FlushQueueTimer timer;
    /** lazy-single's one ring; null in the other modes (the rings are the CPU actors'). */
    private FqRing single;
    /** The latest time a clock move or a queue_iova has carried: free-running CPUs' virtual clocks differ. */
    private long clock;
    /** A move this actor told itself is on its way: a queue_iova need not ask for another. */
    private boolean selfMovePending;
    private final Behavior<Command> idle;
    private final Behavior<Command> moving;
    // the clock move in progress
    private long target;
    private ActorRef<ClockMoved> movedReply;
    /** Timers have run since the last answer to a move (self-moves included). */
    private boolean timersRan;
    /** The due time of the timer being fired, or -1 on the last step (the trims up to the target). */
    private long firing;
    /** The CPU that armed the timer being fired: a queue_iova meanwhile may arm it again elsewhere. */
    private int firingCpu;
    private final RingDrain rings;
    /** The timer's frees are with the CPU that armed it ({@link QueuedFreed} to come). */
    private boolean freeing;

    private FlushTimerActor(ActorContext<Command> ctx, StashBuffer<Command> stash, Invalidation mode,
                            ActorRef<DepotActor.Command> depot, List<ActorRef<CpuActor.Command>> cpus) {
        this.ctx = ctx;
        this.stash = stash;
        this.depot = depot;
        this.cpus = cpus;
        this.online = new OnlineCpus(cpus.size());
        this.freed = ctx.messageAdapter(CpuActor.Completed.class, c -> new QueuedFreed());
        this.rings = new RingDrain(cpus);
        setMode(mode);
        this.idle = idle();
        this.moving = moving();
    }

    private void setMode(Invalidation mode) {
        timer = mode.lazy() ? new FlushQueueTimer(mode, stats) : null;
        single = mode.singleQueue() ? new FqRing(mode.slots()) : null;
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Queueing.class, this::onQueueing)
                .onMessage(QueueSingle.class, this::onQueueSingle)
                .onMessage(AdvanceClock.class, this::onAdvanceClock)
                .onMessage(Report.class, this::onReport)
                .onMessage(CpusLost.class, this::onCpusLost)
                .onMessage(Online.class, m -> {
                    online.set(m.cpu(), m.online());
                    if (!m.online() && timer != null) timer.cpuDead(m.cpu(), online);
                    return Reply.to(m.replyTo(), new ClockMoved(false));
                })
                .onMessage(Mode.class, m -> {
                    setMode(Invalidation.of(m.mode()));
                    return Reply.to(m.replyTo(), new ClockMoved(false));
                })
                .build();
    }

    /** While the clock moves, CPUs' queue_iova still get their counter; another move waits. */
    private Behavior<Command> moving() {
        return Behaviors.receive(Command.class)
                .onMessage(Queueing.class, this::onQueueing)
                .onMessage(QueueSingle.class, this::onQueueSingle)
                .onMessage(DepotMoved.class, this::onDepotMoved)
                // every ring in: their entries, in CPU order, to the CPU that armed the timer
                .onMessage(RingDrained.class, m -> rings.drained(m.cpu(), m.entries()) ? freeOnTimerCpu(rings.entries()) : Behaviors.same())
                .onMessage(QueuedFreed.class, m -> {
                    freeing = false;
                    return nextTimer();
                })
                .onMessage(Report.class, this::onReport)
                .onMessage(CpusLost.class, this::onCpusLost)
                .onAnyMessage(Reply.stash(stash))
                .build();
    }

    private Behavior<Command> onQueueing(Queueing m) {
        if (timer == null) throw new IllegalStateException("cpu " + m.cpu() + " queued an IOVA under strict invalidation");
        clock = Math.max(clock, m.nowNanos());
        if (m.fullFlush()) {
            timer.flushFull();
        } else {
            timer.arm(m.cpu(), clock);
        }
        m.replyTo().tell(new CpuFlushQueue.FqCounter(timer.finishCnt(), m.op()));
        return moveIfDue();
    }

    /** The reference engine's FlushQueue.queue on the one ring; the frees run on the unmapping CPU. */
    private Behavior<Command> onQueueSingle(QueueSingle m) {
        if (single == null) {
            throw new IllegalStateException("cpu " + m.cpu() + " queued an IOVA in the one queue outside lazy-single");
        }
        clock = Math.max(clock, m.nowNanos());
        PfnList freed = new PfnList();
        single.free(m.cpu(), timer.finishCnt(), m.nowNanos(), stats, freed);
        if (single.full()) {
            timer.flushFull();
            single.free(m.cpu(), timer.finishCnt(), m.nowNanos(), stats, freed);
        }
        single.add(m.pfn(), m.pages(), timer.startCnt(), m.nowNanos());
        stats.inc(Counter.FQ_QUEUED);
        timer.arm(m.cpu(), clock);
        m.replyTo().tell(new CpuFlushQueue.SingleFreed(freed.toArray(), m.op()));
        return moveIfDue();
    }

    private Behavior<Command> moveIfDue() {
        // free-running, the CPUs' virtual time moves the clock: a queue_iova past the due time fires
        // the timer (in lock-step replay a clock line has fired it before any queue_iova can see it due)
        if (timer.timerDue() <= clock && !selfMovePending) {
            selfMovePending = true;
            ctx.getSelf().tell(new AdvanceClock(clock, null));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onAdvanceClock(AdvanceClock m) {
        if (m.replyTo() == null) selfMovePending = false;
        clock = Math.max(clock, m.nowNanos());
        target = clock;
        movedReply = m.replyTo();
        return nextTimer();
    }

    /** The next timer due by the target: first the depot's trims due before it; none left, the trims up to the target. */
    private Behavior<Command> nextTimer() {
        firing = FlushQueueTimer.nextDue(timer, target);
        depot.tell(new DepotActor.AdvanceClock(firing >= 0 ? firing : target, firing < 0, online.count(),
                ctx.getSelf()));
        return moving;
    }

    private Behavior<Command> onDepotMoved(DepotMoved m) {
        timersRan |= m.trimmed();
        if (firing < 0) {
            if (movedReply != null) {
                movedReply.tell(new ClockMoved(timersRan));
                timersRan = false;
            }
            return stash.unstashAll(idle);
        }
        timersRan = true;
        timer.fire();
        firingCpu = timer.timerCpu();
        if (single != null) {
            PfnList entries = new PfnList();
            single.free(firingCpu, timer.finishCnt(), firing, stats, entries);
            return freeOnTimerCpu(entries.toArray());
        }
        return rings.start(timer.finishCnt(), firing, ctx.getSelf()) ? freeOnTimerCpu(rings.entries()) : Behaviors.same();
    }

    /**
     * A node's CPUs are gone: a drain waiting for them goes on without, and frees due on one of
     * them are dropped (the tree owner's survey takes back what nobody holds).
     */
    private Behavior<Command> onCpusLost(CpusLost m) {
        if (rings.lose(m.first(), m.count())) return freeOnTimerCpu(rings.entries());
        if (!freeing || !rings.lost(firingCpu)) return Behaviors.same();
        freeing = false;
        return nextTimer();
    }

    /** fq_flush_timeout's frees, (pfn, pages) pairs, through the free_iova_fast of the CPU that armed the timer. */
    private Behavior<Command> freeOnTimerCpu(long[] entries) {
        if (entries.length == 0 || rings.lost(firingCpu)) return nextTimer();
        freeing = true;
        return Reply.to(cpus.get(firingCpu), new CpuFlushQueue.FreeQueued(entries, freed));
    }

    private Behavior<Command> onReport(Report m) {
        PfnList queued = new PfnList();
        if (single != null) single.forEachQueued(queued);
        return Reply.to(m.replyTo(), new TimerReport(stats.toVector(), queued.toArray()));
    }
}
