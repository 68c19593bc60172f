package dev.iovasim.scenario;

import dev.iovasim.allocator.series.Column;
import java.util.List;

/**
 * Zhen Lei's 2019 report: once the 4 KiB class's depot held its 32 magazines, every further full
 * magazine a CPU could not keep went back to the tree pfn by pfn ({@code iova_magazine_free_pfns}
 * from {@code __iova_rcache_insert}), into a tree the other classes' caches kept large, and the
 * mapping CPUs then had to allocate those pfns from the tree again. fio's jobs submit and reap in
 * bursts, and the completions run on a few interrupt CPUs, so whole bursts of frees arrive as
 * magazines at the depot at once. The 32-magazine array stayed until v6.7's depot list
 * ("iommu/iova: Make the rcache depot scale better"), which keeps every magazine and trims slowly.
 */
final class DepotOverflowAging {
    static final String NAME = "depot-overflow-aging-2019";
    static final String BEFORE = "linux-6.1";
    static final String AFTER = "linux-6.7";
    private static final int CPUS = 24;
    private static final String IRQ_CPUS = "0-3";
    private static final String WORKLOAD = "burst:burst=1024,jitter=0,other=0.1,gap-ns=2000";
    static final Source REPORT = new Source("[PATCH v2 2/2] iommu/iova: enhance the rcache optimization", "Zhen Lei",
            "15 Aug 2019", true);
    /** The change that answered this report and {@link IrqCpuAsymmetry}'s: the depot as a list. */
    static final Source FIX = new Source("iommu/iova: Make the rcache depot scale better", "Robin Murphy",
            "Sep 2023 (v6.7)", true);

    static Scenario create() {
        return new Scenario(NAME, "bursts of completions on a few CPUs fill the 32-magazine depot; each further magazine goes back to the tree pfn by pfn",
                List.of(REPORT, FIX), List.of(BEFORE, AFTER), "depot-limit=unbounded", 20_000,
                CPUS + " CPUs (fio's 21 jobs and a few more), completions on CPUs " + IRQ_CPUS + "; each CPU maps a burst of"
                        + " about 1024 buffers (90% of 4 KiB, 10% of 2..32 pages) and then unmaps them all, so up to ~24,000"
                        + " IOVAs are in flight at a burst's peak and ~190 magazines of one class come back at its end: the"
                        + " depot fills in the first bursts instead of after minutes of fio. One operation per CPU every 2 us;"
                        + " 40 ms of simulated time",
                new ProxyRecipe(WORKLOAD, CPUS, IRQ_CPUS, List.of(
                        // published: 1318K IOPS once the depot was full (the kernel before), 2170K before it filled,
                        // standing in for a depot that never fills (no one published a v6.7 figure for this fio job)
                        Metric.PROXY.published("IOPS (fio, 21 jobs)", REPORT, 1_318_000, 2_170_000),
                        Metric.HIT_RATE, Metric.DEPOT_OVERFLOWS, Metric.TREE_ALLOCS_PER_THOUSAND, Metric.NODES_PER_OP),
                        SeriesFiles.Plot.perThousandOps("depot-overflows.png", NAME, "depot overflows", Column.DEPOT_OVERFLOWS),
                        List.of("published: fio with 21 jobs ran at 2170K IOPS, then fell to 1318K (-35%) and did not recover once"
                                + " the 4 KiB depot was full; with Zhen Lei's (unmerged) patch, which frees the caches that are not hit,"
                                + " 2450-2520K. The 2170K stands in for the after kernel: no v6.7 figure was published for this job",
                        "the proxy prices each tree node and lock once and no lock waits: the reported loss also came from many"
                                + " CPUs meeting at iova_rbtree_lock while one CPU freed 128 pfns under it, which the proxy leaves out")));
    }
}
