package dev.iovasim.allocator.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The calibrated constants of the throughput proxy, in nanoseconds of a simulated kernel. The
 * values and their sources are in {@code cost-model.properties} beside this class (the one place
 * they live); docs/cost-model.md explains the calibration and its uncertainty.
 *
 * @param mapBaseNs         dma_map_single outside the IOVA allocator
 * @param mapPerPageNs      each page the map writes into the IOMMU page table
 * @param unmapBaseNs       dma_unmap_single outside the allocator and the IOTLB
 * @param unmapPerPageNs    each page the unmap clears (its PTE, and building its invalidation command)
 * @param iotlbFlushNs      one strict invalidation and its sync, the part CPUs do in parallel
 * @param iotlbQueueNs      one invalidation command's serialised part, on the IOMMU's one command queue
 * @param rcacheLockNs      taking a CPU's own rcache lock
 * @param magazineOpNs      one pfn pushed into or popped from a magazine
 * @param depotExchangeNs   one magazine taken from or given to the depot
 * @param treeNodeNs        one rbtree node visited by the search
 * @param treeUpdateNs      one rbtree insert or erase
 * @param treeAllocBaseNs   a tree allocation's fixed part besides the walk and the insert
 * @param lockTakeNs        taking a shared spinlock that is free
 * @param lockHandoffNs     extra, when its previous holder was another CPU
 * @param flushCpuNs        one CPU visited by a flush
 */
public record CostModel(long mapBaseNs, long mapPerPageNs, long unmapBaseNs, long unmapPerPageNs,
                        long iotlbFlushNs, long iotlbQueueNs, long rcacheLockNs, long magazineOpNs,
                        long depotExchangeNs, long treeNodeNs, long treeUpdateNs, long treeAllocBaseNs,
                        long lockTakeNs, long lockHandoffNs, long flushCpuNs) {
    static final String RESOURCE = "cost-model.properties";

    public CostModel {
        long[] all = {mapBaseNs, mapPerPageNs, unmapBaseNs, unmapPerPageNs, iotlbFlushNs, iotlbQueueNs, rcacheLockNs,
            magazineOpNs, depotExchangeNs, treeNodeNs, treeUpdateNs, treeAllocBaseNs, lockTakeNs, lockHandoffNs, flushCpuNs};
        for (long v : all) {
            if (v < 0) throw new IllegalArgumentException("cost model: a cost is negative (" + v + " ns)");
        }
    }

    /** The calibrated model ({@code cost-model.properties}). */
    public static CostModel calibrated() {
        Properties p = new Properties();
        try (InputStream in = CostModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("cost model: resource " + RESOURCE + " is missing from the jar");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cost model: cannot read " + RESOURCE, e);
        }
        return from(p);
    }

    /** A model from properties with the keys of {@code cost-model.properties}; a missing or bad key is an error naming it. */
    public static CostModel from(Properties p) {
        return new CostModel(ns(p, "map.base.ns"), ns(p, "map.per.page.ns"), ns(p, "unmap.base.ns"),
                ns(p, "unmap.per.page.ns"), ns(p, "iotlb.flush.ns"), ns(p, "iotlb.queue.ns"), ns(p, "rcache.lock.ns"),
                ns(p, "magazine.op.ns"), ns(p, "depot.exchange.ns"), ns(p, "tree.node.ns"), ns(p, "tree.update.ns"),
                ns(p, "tree.alloc.base.ns"), ns(p, "lock.take.ns"), ns(p, "lock.handoff.ns"), ns(p, "flush.cpu.ns"));
    }

    private static long ns(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException("cost model: key " + key + " is missing");
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new IllegalArgumentException("cost model: " + key + " is negative: " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cost model: " + key + " is not a whole number of ns: '" + v + "'");
        }
    }
}
