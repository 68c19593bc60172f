package dev.iovasim.scenario;

import dev.iovasim.allocator.series.Column;
import java.util.List;

/**
 * The 32-bit space of a NIC's domain fills with small ranges of every size class (MTU changes left
 * them cached and then in the tree), and before v6.4 every map of the 64-bit device first tries a
 * 32-bit address: the walk crosses all those ranges and fails, map after map. v6.4 ("iommu:
 * Optimise PCI SAC address trick") stops trying 32 bits for a device after its first failure.
 */
final class NicMtuSac {
    static final String NAME = "nic-mtu-sac-2023";
    private static final int CPUS = 32;
    // a 2 GiB hole below 4 GiB filled with 33-page long-lived ranges: about 15,800 tree nodes to walk
    private static final String WORKLOAD = "sac-pressure:hole=524288,long-pages=33,slack=2048,gap-ns=2000";
    private static final Source REPORT = new Source("IOMMU code taking 90+% of CPU after NIC MTU changes (subject not found; it led to"
            + " \"iommu: Optimise PCI SAC address trick\")", "Jakub Kicinski", "2023", false);

    static Scenario create() {
        return new Scenario(NAME, "a full 32-bit space makes every pre-v6.4 map walk and fail a SAC attempt; v6.4's sticky SAC stops trying",
                List.of(REPORT), List.of("linux-6.3", "linux-6.4"), "forcedac=on", 10_000,
                CPUS + " CPUs, a 2 GiB 32-bit hole filled with about 15,800 long-lived 33-page ranges instead of the"
                        + " NIC's leftovers of several MTUs: the SAC walk crosses as many nodes as on a machine whose 32-bit space is full",
                new ProxyRecipe(WORKLOAD, CPUS, null, List.of(
                        Metric.simulated("allocator share of map/unmap CPU", "fraction (proxy)",
                                r -> CostProxy.calibrated().allocatorShare(r)).published("fraction of CPU in IOMMU code", REPORT, 0.90),
                        Metric.PROXY, Metric.perThousandMaps("failed SAC attempts", "sac_failures", "maps"), Metric.NODES_PER_OP),
                        SeriesFiles.Plot.perThousandOps("sac-failures.png", NAME, "failed SAC attempts", Column.SAC_FAILURES),
                        List.of("published: IOMMU code took 90+% of CPU on the pre-v6.4 kernel (as issue 16 quotes it; the thread was not"
                                + " found through the search tools); no figure is published for v6.4. The simulated share is of the"
                                + " map/unmap CPU time only (allocator over allocator plus the DMA layer's fixed parts, no network"
                                + " stack), not the denominator of a machine-wide profile")));
    }
}
