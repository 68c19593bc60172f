package dev.iovasim.scenario;

import dev.iovasim.allocator.series.Column;
import java.util.List;

/**
 * John Garry's proposal (2021-22, never merged): a storage driver whose mappings are often above
 * the rcache's 32 pages allocates and frees every one of them in the tree, under its lock, on each
 * DMA cycle; letting the rcache cover more size classes ({@code rcache_max_size}, set from a
 * group's {@code max_opt_dma_size}) caches them too. Strict mode, where every unmap frees at once.
 * The kernel after is the one before with {@code rcache-classes=10} (up to 512 pages).
 */
final class RcacheRange {
    static final String NAME = "rcache-range-2022";
    static final String BEFORE = "linux-6.1";
    static final String AFTER = "linux-6.1+rcache-classes=10";
    private static final int CPUS = 16;
    private static final String WORKLOAD = "storage:max-pages=512,gap-ns=5000";
    static final Source REPORT = new Source("[PATCH v5 0/5] iommu: Allow IOVA rcache range be configured", "John Garry",
            "15 Feb 2022", true);

    static Scenario create() {
        return new Scenario(NAME, "strict mode: block I/O above 32 pages goes to the tree on every map; 10 rcache classes cache it",
                List.of(REPORT), List.of(BEFORE, AFTER), "rcache-classes=8", 20_000,
                CPUS + " CPUs of block I/O of 1..512 pages (the size class uniform, so 4 of 10 classes are above the kernel's"
                        + " rcache range), 32 requests in flight per CPU, half completed on another CPU; strict invalidation;"
                        + " 0.1 s of simulated time instead of a fio run",
                new ProxyRecipe(WORKLOAD, CPUS, null, List.of(Metric.PROXY.published("IOPS (strict mode)", REPORT, 1_200_000, 1_800_000),
                        Metric.HIT_RATE, Metric.TREE_ALLOCS_PER_THOUSAND, Metric.NODES_PER_OP),
                        SeriesFiles.Plot.perThousandOps("tree-allocations.png", NAME, "tree allocations", Column.ALLOCS_TREE),
                        List.of("published: 1200K IOPS on v5.13-rc1 and 1800K with the series, in strict mode (\"some old figures\", the"
                                + " cover letter says; non-strict mode gave about 1800K either way). The cover letter does not say how"
                                + " many classes covered the driver's sizes: 10 (up to 512 pages, 2 MiB) is the count issue 16 gives",
                        "rcache-classes is a reference-engine switch: the actor engine caches the kernel's 6 classes only")));
    }
}
