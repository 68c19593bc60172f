package dev.iovasim.scenario;

import dev.iovasim.allocator.series.Column;
import java.util.List;

/**
 * The seed: before v4.15 every failed tree allocation flushed every CPU's rcache, so the DMA
 * layer's speculative 32-bit attempt for a 64-bit PCI device, failing on a full 32-bit space,
 * flushed all CPUs on nearly every map. v4.15 let the caller say "do not flush" for that attempt
 * ({@code alloc_iova_fast}'s {@code flush_rcache}). Runs the {@code sac-pressure} workload.
 */
final class SeedFlushStorm {
    static final String NAME = "seed-2017-flush-storm";
    private static final int CPUS = 128;
    private static final Source SOURCE = new Source("iommu/iova: Make rcache flush optional on IOVA allocation failure",
            "Tomasz Nowicki", "2017", false);

    static Scenario create() {
        return new Scenario(NAME, "v4.14 flushes every CPU's rcache on each failed 32-bit (SAC) attempt; v4.15 lets the DMA layer not flush",
                List.of(SOURCE), List.of("linux-4.14", "linux-4.15"), "caller-flush=on", 2000,
                CPUS + " CPUs (as `simulate`), the 32-bit space reserved but for a 512 MiB hole that long-lived"
                        + " mappings nearly fill: the SAC attempt fails as on the reported machine, in milliseconds of simulated time",
                new ProxyRecipe("sac-pressure", CPUS, null, List.of(Metric.PROXY, Metric.HIT_RATE,
                        Metric.perThousandMaps("rcache flushes", "flushes", "flushes"),
                        Metric.simulated("CPUs visited by flushes per op", "CPU visits",
                                r -> (double) r.longValue("flush_cpu_visits") / r.longValue("ops"))),
                        SeriesFiles.Plot.perThousandOps("rcache-flushes.png", NAME, "rcache flushes", Column.RCACHE_FLUSHES),
                        List.of("no published figure: the thread's text was not found through the project's search tools, and issue 16"
                                + " quotes none for the seed; the direction (v4.15 far cheaper) is what the commit describes")));
    }
}
