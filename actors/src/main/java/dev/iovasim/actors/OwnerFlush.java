package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.FlushAccount;
import dev.iovasim.allocator.IovaDomain;

/**
 * The tree owner's side of one flush, all of it under the tree lock: counts the flush, opens its
 * account, starts its {@link FlushCoordinator} (the fan-out and gather, a child spawned ahead by
 * {@link SpareCoordinator}), and once that hands back
 * what it gathered, frees it to the tree in CPU order 0..N-1 and the depot's last (the order of
 * removals moves the cached nodes, hence decides later pfns), then retries the allocation that
 * failed and answers it, recording the flush in the owner's log, or answers flushbench; only then
 * stops the child (when nothing more can reach it) and spawns the next flush's. Between
 * start and finish the owner stashes its other requests, as they would wait behind the kernel's
 * flush.
 */
final class OwnerFlush {
    private final long round;
    private final FlushAccount account;
    private final FlushContext owner;
    private final long bytesAtStart;
    private final long startNanos;
    /** Who waits: the CPU whose allocation failed, or flushbench's driver (then {@code failing} is null). */
    private final TreeOwnerActor.TreeAlloc failing;
    private final ActorRef<TreeBench.BenchRound> bench;
    private final ActorRef<FlushCoordinator.Command> coordinator;
    private final ActorContext<TreeOwnerActor.Command> ctx;
    private int ticks;

    /** Starts the flush that {@code failing} needs, or flushbench's ({@code failing} null, {@code bench} set). */
    OwnerFlush(ActorContext<TreeOwnerActor.Command> ctx, long round, TreeOwnerActor.TreeAlloc failing,
               ActorRef<TreeBench.BenchRound> bench, long startNanos, FlushContext owner) {
        this.ctx = ctx;
        this.round = round;
        this.failing = failing;
        this.bench = bench;
        this.startNanos = startNanos;
        this.owner = owner;
        owner.stats().inc(Counter.FLUSHES);
        account = new FlushAccount(owner.domain());
        account.begin(failing != null ? failing.limit() : TreeBench.LIMIT);
        bytesAtStart = owner.wireBytes().getAsLong();
        FanOutTargets targets = owner.targets();
        // the child's gather: lost CPUs already answered; the targets a snapshot, so it reads nothing the owner changes
        Gather gather = targets.gather(round, owner.drainsDepot());
        coordinator = owner.spare().take();
        coordinator.tell(new FlushCoordinator.Start(gather, targets.live(), targets.depot()));
    }

    /** One tick of the owner's gather clock: once the flush has waited long enough, its coordinator gives up. */
    void tick() {
        if (++ticks == Gather.TICKS_PER_TIMEOUT + 1) coordinator.tell(FlushCoordinator.GiveUp.INSTANCE);
    }

    /** Tells every coordinator still alive, the one gathering and any staying for late answers. */
    static void lost(ActorContext<TreeOwnerActor.Command> ctx, FanOutTargets.CpusLost m) {
        // the tree owner's only children are its flushes' coordinators
        for (ActorRef<Void> child : ctx.getChildren()) {
            child.<FlushCoordinator.Command>unsafeUpcast().tell(new FlushCoordinator.Lost(m.first(), m.count()));
        }
    }

    String timedOut(Gather gather, long timeoutMillis) {
        return "flush " + round + ": " + gather.cpusIn() + " of " + gather.cpus() + " CPUs answered within "
                + timeoutMillis + " ms; going on without the others";
    }

    /**
     * Frees what came back in the kernel's order: CPU 0..N-1 (the lost ones skipped), then the
     * depot; then retries the allocation that failed and answers it, or answers flushbench.
     */
    void finish(Gather gather) {
        FanOutTargets targets = owner.targets();
        AllocStats stats = owner.stats();
        for (int c = 0; c < gather.cpus(); c++) {
            PfnRuns pfns = gather.cached(c);
            if (pfns == null || targets.lost(c)) continue;
            // for_each_online_cpu: an offline CPU's caches are empty since its cpudead; not a visit
            if (owner.online().online(c)) account.visitedCpu();
            pfns.forEach(account::accept);
        }
        if (gather.depot() != null) account.acceptAll(gather.depot());
        stats.add(Counter.FLUSH_CPU_VISITS, account.cpusVisited());
        stats.add(Counter.FLUSHED_PFNS, account.pfns());
        stats.add(Counter.FLUSHED_USEFUL, account.useful());
        long bytes = owner.wireBytes().getAsLong() - bytesAtStart;
        if (failing == null) {
            bench.tell(new TreeBench.BenchRound(gather.endNanos - startNanos, System.nanoTime() - startNanos,
                    gather.messages(), bytes, account.pfns()));
        } else {
            IovaDomain domain = owner.domain();
            long pfn = domain.alloc(failing.size(), failing.limit());
            stats.add(Counter.FLUSH_RETRY_SUCCEEDED, pfn != 0 ? 1 : 0);
            failing.replyTo().tell(new CpuActor.FromTree(pfn, domain.kernelEventKinds(), failing.op()));
            owner.log().record(account.finish(pfn != 0), gather, System.nanoTime() - startNanos, bytes);
        }
        // answered: the child's stop and the next flush's spawn come after, off the flush's path
        if (gather.complete()) ctx.stop(coordinator);
        owner.spare().prepare();
    }
}
