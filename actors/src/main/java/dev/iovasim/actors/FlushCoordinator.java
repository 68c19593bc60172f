package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.FlushAccount;
import dev.iovasim.allocator.IovaDomain;
import java.util.Arrays;

/**
 * One flush, from its fan-out to its answer: sends Flush to every CPU (or cpu node) and Drain to
 * the depot when the policy drains it, gathers the answers in slots by CPU, then frees them to
 * the tree in CPU order 0..N-1 and the depot's last (the order of removals moves the cached
 * nodes, hence decides later pfns) and either retries the allocation that failed or reports the
 * flushbench round. The tree owner makes one per flush and drops it after, so two flushes never
 * share state; it runs inside the owner (one flush at a time under the tree lock), not as an
 * actor of its own: a child actor added a hop to every answer (docs/actors-notes.md).
 */
public final class FlushCoordinator {

    /** The answers a flush gathers. */
    public sealed interface Answer extends TreeOwnerActor.Command permits Flushed, NodeFlushed, DepotDrained {
    }

    /**
     * A CPU's answer to a flush: its magazines' pfns, class 0..5, loaded then prev, index order; a
     * CPU actor sends its magazines' own arrays (one run each), a bare CPU or a deserialized answer
     * one array. On the wire always one array (the cluster's {@code FlushedSerializer}).
     */
    public record Flushed(int cpu, long round, PfnRuns pfns) implements Answer, FanOutMessage {
    }

    /**
     * A cpu node's answer to a per-node flush: its CPUs' pfns one after another in CPU order,
     * {@code counts[i]} of them for CPU {@code first + i}, each in the order a CPU's own answer has.
     */
    public record NodeFlushed(long round, int first, int[] counts, long[] pfns)
            implements Answer, FanOutMessage {
    }

    /** The depot's magazines, every class, in the policy's drain order. */
    public record DepotDrained(long round, long[] pfns) implements Answer {
    }

    private final long round;
    private final Gather gather;
    private final FlushAccount account;
    private final FlushContext owner;
    private final long bytesAtStart;
    /** Who waits: the CPU whose allocation failed, or flushbench's driver (then {@code failing} is null). */
    private final TreeOwnerActor.TreeAlloc failing;
    private final ActorRef<TreeBench.BenchRound> bench;

    private FlushCoordinator(long round, Gather gather, FlushAccount account, FlushContext owner,
                             TreeOwnerActor.TreeAlloc failing, ActorRef<TreeBench.BenchRound> bench) {
        this.round = round;
        this.gather = gather;
        this.account = account;
        this.owner = owner;
        this.bytesAtStart = owner.wireBytes().getAsLong();
        this.failing = failing;
        this.bench = bench;
    }

    /** Starts the flush that {@code failing} needs, or flushbench's ({@code failing} null, {@code bench} set). */
    static FlushCoordinator start(long round, TreeOwnerActor.TreeAlloc failing, ActorRef<TreeBench.BenchRound> bench,
                                  long startNanos, FlushContext owner) {
        owner.stats().inc(Counter.FLUSHES);
        FlushAccount account = new FlushAccount(owner.domain());
        if (failing != null) account.begin(failing.cpu(), failing.size(), failing.limit());
        else account.begin(-1, 1, TreeBench.LIMIT);
        FanOutTargets targets = owner.targets();
        FlushCoordinator f = new FlushCoordinator(round, targets.gather(round, owner.drainsDepot(), startNanos), account,
                owner, failing, bench);
        targets.flush(new CpuActor.Flush(round, owner.self()), f.gather);
        if (owner.drainsDepot()) {
            f.gather.requested();
            targets.depot().tell(new DepotActor.Drain(round, owner.self()));
        }
        return f;
    }

    /** Records an answer and says whether every answer is in; a stray one's pfns go back to the tree. */
    boolean answered(Answer m) {
        if (m instanceof Flushed f) return onFlushed(f);
        if (m instanceof NodeFlushed n) return onNodeFlushed(n);
        return onDepotDrained((DepotDrained) m);
    }

    private boolean onFlushed(Flushed m) {
        if (m.round() != round || !gather.cpu(m.cpu(), m.pfns(), null)) {
            owner.strays().flushed(m);
            return false;
        }
        gather.answered();
        return gather.complete();
    }

    private boolean onNodeFlushed(NodeFlushed m) {
        if (m.round() != round) {
            owner.strays().nodeFlushed(m);
            return false;
        }
        gather.answered();
        int at = 0;
        for (int i = 0; i < m.counts().length; i++) {
            long[] pfns = Arrays.copyOfRange(m.pfns(), at, at + m.counts()[i]);
            at += m.counts()[i];
            if (!gather.cpu(m.first() + i, PfnRuns.of(pfns), null)) {
                owner.strays().error("cpu " + (m.first() + i) + " answered flush " + m.round() + " twice; its pfns go back to the tree");
                owner.strays().free(pfns);
            }
        }
        return gather.complete();
    }

    private boolean onDepotDrained(DepotDrained m) {
        if (m.round() != round) {
            owner.strays().drained(m);
            return false;
        }
        gather.depot(m.pfns());
        gather.answered();
        return gather.complete();
    }

    /** The CPUs [first, first + count) are gone with their node: the flush stops waiting for them. */
    boolean lost(int first, int count) {
        return gather.lost(first, count);
    }

    /** One tick of the gather clock; true once the flush has waited long enough for the missing answers. */
    boolean tick() {
        return gather.tick();
    }

    String timedOut(long timeoutMillis) {
        return "flush " + round + ": " + gather.cpusIn() + " of " + gather.cpus() + " CPUs answered within "
                + timeoutMillis + " ms; going on without the others";
    }

    /**
     * Frees what came back in the kernel's order: CPU 0..N-1 (the lost ones skipped), then the
     * depot; then retries the allocation that failed and answers it, recording the flush in
     * the owner's log, or answers flushbench.
     */
    void finish() {
        FanOutTargets targets = owner.targets();
        AllocStats stats = owner.stats();
        long gathered = System.nanoTime();
        for (int c = 0; c < gather.cpus(); c++) {
            PfnRuns pfns = gather.cached(c);
            if (pfns == null || targets.lost(c)) continue;
            account.visitedCpu();
            pfns.forEach(account::accept);
        }
        if (gather.depot() != null) account.acceptAll(gather.depot());
        stats.add(Counter.FLUSH_CPU_VISITS, account.cpusVisited());
        stats.add(Counter.FLUSHED_PFNS, account.pfns());
        stats.add(Counter.FLUSHED_USEFUL, account.useful());
        long bytes = owner.wireBytes().getAsLong() - bytesAtStart;
        if (failing == null) {
            bench.tell(new TreeBench.BenchRound(gathered - gather.startNanos, System.nanoTime() - gather.startNanos,
                    gather.messagesSent() + gather.messagesReceived(), bytes, account.pfns()));
            return;
        }
        IovaDomain domain = owner.domain();
        long pfn = domain.alloc(failing.size(), failing.limit());
        stats.add(Counter.FLUSH_RETRY_SUCCEEDED, pfn != 0 ? 1 : 0);
        failing.replyTo().tell(new CpuActor.FromTree(pfn, domain.staleCachedNode() != null, failing.op()));
        owner.log().record(account.finish(pfn != 0), gather, System.nanoTime() - gather.startNanos, bytes);
    }
}
