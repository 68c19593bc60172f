package dev.iovasim.allocator.mapbench;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.cost.SimLock;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Invalidation;
import java.util.List;
import java.util.Locale;

/** A finished benchmark: the kernel's averages and deviations, and what the allocator and the shared locks did. */
public record MapBenchResult(MapBenchSpec spec, String policy, Invalidation invalidation, LatencySums map, LatencySums unmap, AllocStats stats,
                             SimLock treeLock, SimLock invalidationQueue) {
    /** The user tool's three lines, in its format (averages in us, one decimal, from 100 ns units). */
    public List<String> kernelLines() {
        return kernelLines(spec, map, unmap);
    }

    /** The three lines for any run's sums (the cost model's or the actor engine's wall-time ones). */
    public static List<String> kernelLines(MapBenchSpec spec, LatencySums map, LatencySums unmap) {
        return List.of(
                String.format(Locale.ROOT, "dma mapping benchmark: threads:%d seconds:%d node:%d dir:%s granule: %d",
                        spec.threads(), spec.seconds(), spec.node(), spec.direction().name(), spec.granule()),
                String.format(Locale.ROOT, "average map latency(us):%.1f standard deviation:%.1f",
                        map.average100ns() / 10.0, map.stddev100ns() / 10.0),
                String.format(Locale.ROOT, "average unmap latency(us):%.1f standard deviation:%.1f",
                        unmap.average100ns() / 10.0, unmap.stddev100ns() / 10.0));
    }

    /** Average map latency in us, as printed. */
    public double mapUs() {
        return map.average100ns() / 10.0;
    }

    public double unmapUs() {
        return unmap.average100ns() / 10.0;
    }

    /** What lies behind the figures, for {@code --verbose}: one line each, {@code #}-prefixed. */
    public List<String> notes() {
        return List.of(
                String.format(Locale.ROOT, "# policy %s, %s invalidation, %d loops (%d per thread on average)", policy,
                        invalidation.word(), map.loops(), map.loops() / spec.threads()),
                String.format(Locale.ROOT, "# maps: rcache %d, depot %d, tree %d; flushes %d; frees to tree %d",
                        stats.get(Counter.CPU_HITS), stats.get(Counter.DEPOT_HITS), stats.get(Counter.TREE_ALLOCS), stats.get(Counter.FLUSHES), stats.get(Counter.FREES_TO_TREE)),
                String.format(Locale.ROOT, "# iova_rbtree_lock: taken %d, handed between CPUs %d, waited %.3f ms in all",
                        treeLock.acquisitions(), treeLock.handoffs(), treeLock.waitedNs() / 1e6),
                String.format(Locale.ROOT, "# invalidation queue: taken %d, waited %.3f ms in all",
                        invalidationQueue.acquisitions(), invalidationQueue.waitedNs() / 1e6),
                String.format(Locale.ROOT, "# flush queues: queued %d, IOTLB flushes %d (queue full %d, timer %d), freed %d",
                        stats.get(Counter.FQ_QUEUED), stats.get(Counter.FQ_FLUSHES), stats.get(Counter.FQ_FULL_FLUSHES), stats.get(Counter.FQ_TIMER_FLUSHES), stats.get(Counter.FQ_FREED)),
                "# latencies are the cost model's proxy (docs/cost-model.md), not a measurement of a kernel");
    }
}
