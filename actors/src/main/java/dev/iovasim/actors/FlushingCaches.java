package dev.iovasim.actors;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.japi.function.Function;
import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.Policy;

/**
 * A CPU actor's magazines that are also its {@link CpuActor.Flush} handler: the flush's part of
 * free_cpu_cached_iovas, every magazine's array handed to the tree owner in the answer, one run
 * per magazine ({@link CpuCaches#handOver}): writing a fresh answer array and copying the
 * magazines into it was most of a flush's time on the CPU actors (docs/performance.md). The answer
 * owns the arrays (each magazine takes a new one at its next push), so a late answer is never
 * overwritten by a later refill or flush. One object for both because a flush finds every CPU cold
 * (the refill's or the workload's tree walk came before it): Akka loads the handler's line to
 * call it, and a handler that only referred to the caches then missed again on the caches,
 * some 250 ns per CPU, half of what a 1024-CPU flush in one JVM cost beyond a bare fan-out's
 * (docs/performance.md, "1024 CPUs in one JVM"). Here that line holds the slots' array
 * references, so the handler reads nothing else of the CPU's.
 */
final class FlushingCaches extends CpuCaches implements Function<CpuActor.Flush, Behavior<CpuActor.Command>> {
    private final int cpu;

    FlushingCaches(int cpu, Policy policy) {
        super(policy.magazineSize(), policy.rcacheClasses());
        this.cpu = cpu;
    }

    @Override
    public Behavior<CpuActor.Command> apply(CpuActor.Flush m) {
        m.replyTo().tell(new FlushCoordinator.Flushed(cpu, m.round(), handOver(PfnRuns::new)));
        return Behaviors.same();
    }
}
