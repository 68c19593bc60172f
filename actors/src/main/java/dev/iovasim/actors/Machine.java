package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The actors of one simulated machine, wherever the CPU actors live: in this JVM
 * ({@link LocalMachine}) or spread over cluster nodes. Trace replay, the free-running engine and
 * flushbench drive a machine only through this, and every wait here is bounded. Whatever JVMs its
 * actors run in, it holds the policy and domain it simulates, its settings, the bounded asks from
 * outside its actor system (on the system that holds its tree owner), and its actors.
 */
public abstract class Machine implements AutoCloseable {
    private final Policy policy;
    private final DomainConfig domain;
    protected final EngineSettings settings;
    /** The machine's asks from outside its actor system, each bounded by the settings' ask timeout. */
    protected final BoundedAsk asks;
    // set once by the subclass's constructor: a cluster machine spawns them through the asks above
    protected ActorRef<TreeOwnerActor.Command> tree;
    protected ActorRef<DepotActor.Command> depot;
    protected List<ActorRef<CpuActor.Command>> cpus;
    protected ActorRef<FlushTimerActor.Command> flushTimer;

    protected Machine(ActorSystem<?> system, Policy policy, DomainConfig domain, EngineSettings settings) {
        this.policy = policy;
        this.domain = domain;
        this.settings = settings;
        this.asks = new BoundedAsk(system, settings.askTimeout());
    }

    public final ActorRef<TreeOwnerActor.Command> tree() {
        return tree;
    }

    public final ActorRef<CpuActor.Command> cpu(int cpu) {
        return cpus.get(cpu);
    }

    public final int cpuCount() {
        return cpus.size();
    }

    /** The simulated clock and the flush queues' timer ({@link FlushTimerActor}), beside the tree owner. */
    public final ActorRef<FlushTimerActor.Command> flushTimer() {
        return flushTimer;
    }

    /** The depot actor, beside the tree owner (a time series asks it its sizes for each row). */
    public final ActorRef<DepotActor.Command> depot() {
        return depot;
    }

    /** The policy the machine's actors run (a replay's driver applies its DMA-layer rule). */
    public final Policy policy() {
        return policy;
    }

    public final DomainConfig domain() {
        return domain;
    }

    public final EngineSettings settings() {
        return settings;
    }

    /** Sends {@code message(replyTo)} to {@code to} and waits for the answer, at most the ask timeout. */
    public <M, R> R ask(ActorRef<M> to, Function<ActorRef<R>, M> message, String what) {
        return asks.ask(to, message, what);
    }

    /** The same as {@link #ask} without waiting, for fan-outs driven from outside. */
    public <M, R> CompletableFuture<R> askLater(ActorRef<M> to, Function<ActorRef<R>, M> message, Duration timeout) {
        return asks.later(to, message, timeout);
    }

    /**
     * Asks CPU {@code cpu} as {@link #askLater} does, except that the answer is null once the CPU
     * is lost with its node (at once if it already is): whoever waits for every CPU (a time
     * series' barrier, a row's figures) stops waiting for it as soon as the loss is known, rather
     * than at the ask's timeout. In one JVM no CPU is lost.
     */
    public <R> CompletableFuture<R> askCpu(int cpu, Function<ActorRef<R>, CpuActor.Command> message, Duration timeout) {
        return askLater(cpu(cpu), message, timeout);
    }

    /**
     * Asks every CPU at once and waits for each answer, in CPU order: one wake-up of the dispatcher
     * rather than one per CPU. Each CPU answers after what was sent to it before, as one by one.
     * A CPU lost with its node has no answer (it is left out as soon as the loss is known).
     */
    public final <R> List<R> askEveryCpu(Function<ActorRef<R>, CpuActor.Command> message, String what, Duration timeout) {
        return askEachCpu(c -> message, what, timeout);
    }

    /** The same with a message of each CPU's own ({@code message.apply(cpu)}). */
    public final <R> List<R> askEachCpu(IntFunction<Function<ActorRef<R>, CpuActor.Command>> message, String what,
                                        Duration timeout) {
        List<CompletableFuture<R>> asked = new ArrayList<>(cpuCount());
        for (int c = 0; c < cpuCount(); c++) asked.add(askCpu(c, message.apply(c), timeout));
        List<R> out = new ArrayList<>(asked.size());
        for (int c = 0; c < asked.size(); c++) {
            R answer = await(asked.get(c), "cpu " + c + "'s " + what);
            if (answer != null) out.add(answer);
        }
        return out;
    }

    /**
     * Moves the clock ({@link FlushTimerActor}) and waits until every timer due on the way has run and freed what it
     * drained; true if any timer ran.
     */
    public final boolean moveClock(long nanos) {
        FlushTimerActor.ClockMoved moved = ask(flushTimer, r -> new FlushTimerActor.AdvanceClock(nanos, r),
                "the clock's move to " + nanos + " ns");
        return moved.timersRan();
    }

    /**
     * The driver's wait, at a time series' barrier and at a free-running run's end, until the unmaps
     * the CPUs sent to IRQ CPUs ({@link CpuFlushQueue.Completion}) have run: across JVMs such an unmap
     * may arrive after any question asked of its CPU, so every CPU still there is asked its counts
     * (each answers between operations) until the sums agree. None sends another meanwhile (held at
     * the barrier, or its workload ended). With CPUs lost with their node, what was sent to them
     * never runs, so then until the count that ran stops moving. Returns the operations the CPUs
     * still there have completed (a lost CPU's went with it, as they go from the run's report).
     *
     * @param what names the wait in the timeout's message
     */
    final long settle(String what) {
        long deadline = System.nanoTime() + settings.runTimeout().toNanos();
        long lastRan = -1;
        while (true) {
            boolean lost = lostCpus().length > 0;
            // a count is answered after the completions already in the CPU's mailbox, each a
            // queue_iova round trip to the clock actor: an IRQ CPU's backlog may outlast an ask
            // timeout, so the ask waits as long as the run may
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), settings.askTimeout().toNanos()));
            long ops = 0;
            long sent = 0;
            long ran = 0;
            for (IntervalHold.Held h : askEveryCpu(IntervalHold.Settle::new, "completion counts", left)) {
                ops += h.ops();
                sent += h.sent();
                ran += h.ran();
            }
            if (sent == ran || (lost && ran == lastRan)) return ops;
            if (System.nanoTime() - deadline > 0) {
                throw new EngineTimeout(what + " did not settle: " + sent + " unmaps sent to IRQ CPUs, " + ran + " ran", null);
            }
            lastRan = ran;
            try {
                // with CPUs lost, a count that stopped moving must have outlasted a message in flight
                Thread.sleep(lost ? 5 : 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineTimeout("interrupted while " + what + " settled", e);
            }
        }
    }

    /** Waits for an answer asked earlier; its own timeout bounds the wait. */
    public <R> R await(CompletableFuture<R> answer, String what) {
        return asks.await(answer, what);
    }

    /**
     * Starts every CPU's workload at once; completes with the report of every CPU that finished,
     * in CPU order (a CPU lost with its node has no report).
     */
    public abstract CompletableFuture<List<WorkloadDriver.CpuReport>> runWorkloads(Duration timeout);

    /**
     * Workload operations the CPUs have started since {@link #runWorkloads}, as last heard: for a
     * progress line, so it may lag (a cluster answers a poll with its nodes' counts of a moment ago).
     */
    public abstract long opsStarted();

    /**
     * flushbench --compare-bare: spawns, beside the CPU actors and in the same places, a bare
     * actor per CPU answering a flush with {@code perMagazine} pfns per magazine and no allocator
     * work, in the machine's fan-out shape; returns the actor that times a round on a
     * {@link TreeBench.BenchFlush} (see {@link BareFanOut}).
     */
    public abstract ActorRef<TreeOwnerActor.Command> spawnBare(int perMagazine);

    /** CPUs lost with their node during the run, in CPU order; empty in one JVM. */
    public int[] lostCpus() {
        return new int[0];
    }

    @Override
    public abstract void close();
}
