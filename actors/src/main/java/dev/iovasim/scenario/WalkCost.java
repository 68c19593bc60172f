package dev.iovasim.scenario;

import dev.iovasim.allocator.cost.CostModel;
import dev.iovasim.allocator.series.Column;

/**
 * The price of one {@code alloc_iova} tree search under the cost model: the tree lock taken, the
 * allocation's fixed part, the insert, and {@code tree.node.ns} per node the search visits. The
 * kernel's linear walk visits the nodes the simulation counts; the proposed augmented rbtree
 * descends once, at most a red-black tree's height, 2·log2(n+1) nodes for n ranges.
 */
record WalkCost(CostModel model) {
    double fixedNs() {
        return model.lockTakeNs() + model.treeAllocBaseNs() + model.treeUpdateNs();
    }

    double linearNs(double nodes) {
        return fixedNs() + nodes * model.treeNodeNs();
    }

    double augmentedNs(double treeNodes) {
        return fixedNs() + augmentedNodes(treeNodes) * model.treeNodeNs();
    }

    /** The height bound of a red-black tree of {@code treeNodes} nodes. */
    static double augmentedNodes(double treeNodes) {
        return 2 * Math.log(treeNodes + 1) / Math.log(2);
    }

    /** Tree searches in the interval: allocations the tree served or failed, and failed SAC attempts. */
    static double searches(Object[] row) {
        return SeriesFiles.value(row, Column.ALLOCS_TREE) + SeriesFiles.value(row, Column.ALLOCS_FAILED)
                + SeriesFiles.value(row, Column.SAC_FAILURES);
    }

    /** Nodes the interval's allocation attempts visited in all. */
    static double walked(Object[] row) {
        double attempts = SeriesFiles.value(row, Column.ALLOCS_MAGAZINE) + SeriesFiles.value(row, Column.ALLOCS_DEPOT)
                + searches(row);
        return SeriesFiles.value(row, Column.ALLOC_NODES_MEAN) * attempts;
    }

    /**
     * Nodes per tree search over {@code rows} together: each time series interval's mean nodes per
     * allocation attempt (cache hits count 0; a map's failed 32-bit attempt counts as one attempt)
     * times the attempts, over the attempts that searched the tree (served, failed, failed SAC attempts).
     */
    static double linearNodes(java.util.List<Object[]> rows) {
        double searches = rows.stream().mapToDouble(WalkCost::searches).sum();
        return searches == 0 ? 0 : rows.stream().mapToDouble(WalkCost::walked).sum() / searches;
    }
}
