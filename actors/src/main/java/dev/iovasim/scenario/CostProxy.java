package dev.iovasim.scenario;

import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.engine.RunReport;

/**
 * The throughput proxy of the scenarios: the calibrated cost model (docs/cost-model.md) applied
 * to a whole run's work counters. It is a PROXY, not IOPS: every unit of work the kernel's
 * allocator would do is priced at its calibrated cost, shared locks are priced as taken and never
 * as waited for (no contention), and the I/O itself is absent. What it shows is how far a kernel
 * change moves the CPU time one DMA map/unmap costs, hence the operations a CPU can issue per
 * simulated second.
 */
public record CostProxy(CostModel model) {
    public static CostProxy calibrated() {
        return new CostProxy(CostModel.calibrated());
    }

    /**
     * Nanoseconds of allocator work in the run (iova.c: the rcache, the depot, flushes, the
     * rbtree under its lock), from the report's counters.
     */
    public double allocatorNs(RunReport r) {
        // every alloc_iova_fast / free_iova_fast takes its CPU's rcache lock first
        double ns = (r.longValue("allocs") + r.longValue("frees")) * (double) model.rcacheLockNs();
        ns += r.longValue("work_magazine_moves") * (double) model.magazineOpNs();
        ns += r.longValue("work_depot_exchanges") * (double) model.depotExchangeNs();
        ns += r.longValue("work_flush_cpu_visits") * (double) model.flushCpuNs();
        // iova_rbtree_lock is taken by every tree search (a failed 32-bit attempt too) and tree free
        long searches = r.longValue("tree_allocs") + r.longValue("alloc_failed") + r.longValue("sac_failures");
        ns += searches * (double) (model.lockTakeNs() + model.treeAllocBaseNs());
        ns += r.longValue("frees_to_tree") * (double) model.lockTakeNs();
        ns += r.longValue("work_tree_nodes_visited") * (double) model.treeNodeNs();
        ns += (r.longValue("work_tree_inserts") + r.longValue("work_tree_erases")) * (double) model.treeUpdateNs();
        return ns;
    }

    /** Nanoseconds of the DMA layer around the allocator: each map's and unmap's fixed part. */
    public double dmaFixedNs(RunReport r) {
        return r.longValue("allocs") * (double) model.mapBaseNs() + r.longValue("frees") * (double) model.unmapBaseNs();
    }

    /**
     * The proxy: map/unmap operations one CPU can issue per simulated second, 1e9 over the CPU
     * nanoseconds per workload operation (a map or an unmap), allocator and DMA layer together.
     */
    public double opsPerSecondPerCpu(RunReport r) {
        long ops = r.longValue("ops");
        double ns = ops == 0 ? 0 : (allocatorNs(r) + dmaFixedNs(r)) / ops;
        return ns == 0 ? 0 : 1e9 / ns;
    }

    /** The share of the DMA map/unmap CPU time spent in the allocator (0..1). */
    public double allocatorShare(RunReport r) {
        double a = allocatorNs(r);
        double total = a + dmaFixedNs(r);
        return total == 0 ? 0 : a / total;
    }
}
