package dev.iovasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario, at a small size, moves the way the published report did when the kernel changes
 * (the direction, not the magnitude), and through the mechanism the scenario is about. The
 * whole class runs in well under a minute.
 */
class ScenarioDirectionTest {
    @TempDir
    Path dir;

    private ScenarioResult run(String name, long size) {
        ScenarioResult r = Catalogue.byName(name).run(size, dir.resolve(name), List.of(), ProgressListener.NONE);
        for (Path f : r.files()) assertTrue(Files.isRegularFile(f), f + " was not written");
        return r;
    }

    static double value(ScenarioResult r, String metric, String kernel) {
        return r.figures().stream().filter(f -> f.metric().equals(metric) && f.kernel().equals(kernel))
                .findFirst().orElseThrow(() -> new AssertionError("no " + metric + " for " + kernel)).simulated();
    }

    /** v4.14's alloc_iova_fast flushes on every failed SAC attempt; v4.15's flush_rcache=false does not. */
    @Test
    void seedFlushStormV415IsCheaperAndNeverFlushes() {
        ScenarioResult r = run(SeedFlushStorm.NAME, 300);
        assertTrue(value(r, "rcache flushes per 1000 maps", "linux-4.14") > 100);
        assertEquals(0, value(r, "rcache flushes per 1000 maps", "linux-4.15"));
        assertTrue(value(r, "throughput proxy", "linux-4.15") > 2 * value(r, "throughput proxy", "linux-4.14"));
        assertTrue(value(r, "rcache hit rate", "linux-4.15") > value(r, "rcache hit rate", "linux-4.14"));
    }

    /** iova_depot_push (v6.7, unbounded list) against the v6.1 array's MAX_GLOBAL_MAGS overflow. */
    @Test
    void irqCpuAsymmetryOverflowsOnlyTheArrayDepot() {
        ScenarioResult r = run(IrqCpuAsymmetry.NAME, 3000);
        String before = "linux-6.1+invalidation=lazy";
        String after = "linux-6.7+invalidation=lazy";
        assertTrue(value(r, "depot overflows", before) > 0, "the 32-magazine depot never overflowed");
        assertEquals(0, value(r, "depot overflows", after));
        assertTrue(value(r, "throughput proxy", after) > value(r, "throughput proxy", before));
        Ratios q = Ratios.of(r.figures()).entrySet().stream()
                .filter(e -> e.getKey().metric().equals("throughput proxy") && e.getKey().kernel().equals(after))
                .findFirst().orElseThrow().getValue();
        assertTrue(q.sameDirection(), "simulated " + q.simulated() + " against published " + q.published());
    }

    /** iommu_dma_alloc_iova: v6.4's pci_32bit_workaround stops a device's SAC attempts after one failure. */
    @Test
    void nicSacV64StopsFailingSacAttempts() {
        ScenarioResult r = run(NicMtuSac.NAME, 1000);
        assertTrue(value(r, "failed SAC attempts per 1000 maps", "linux-6.3") > 50);
        assertTrue(value(r, "failed SAC attempts per 1000 maps", "linux-6.4") < 1);
        assertTrue(value(r, "allocator share of map/unmap CPU", "linux-6.4")
                < value(r, "allocator share of map/unmap CPU", "linux-6.3"));
        assertTrue(value(r, "throughput proxy", "linux-6.4") > value(r, "throughput proxy", "linux-6.3"));
    }

    /** __alloc_and_insert_iova_range's rb_prev walk against a descent of the augmented tree. */
    @Test
    void lowFourGigAugmentedSearchIsFarCheaper() {
        ScenarioResult r = run(LowFourGigLinearWalk.NAME, 3000);
        String metric = "ns per alloc_iova (tree search)";
        double linear = value(r, metric, LowFourGigLinearWalk.LINEAR);
        double augmented = value(r, metric, LowFourGigLinearWalk.AUGMENTED);
        assertTrue(linear > 5 * augmented, linear + " ns against " + augmented + " ns");
        // the p99 walk crosses most of the ~15,800 ranges of the low 4 GB
        assertTrue(value(r, "ns per alloc_iova, p99 walk", LowFourGigLinearWalk.LINEAR) > 50_000);
        assertEquals(2, r.files().size(), "one CSV (both searches share the run) and the plot");
    }

    /** A what-if is the before kernel with the overrides, run as a third kernel; a no-op override is refused. */
    @Test
    void aWhatIfRunsTheBeforeKernelWithTheOverrides() {
        Scenario s = Catalogue.byName(SeedFlushStorm.NAME);
        ScenarioResult r = s.run(200, dir.resolve("w"), List.of(s.whatIf()), ProgressListener.NONE);
        String whatIf = "linux-4.14+" + s.whatIf();
        // caller-flush=on alone gives v4.14 the flush_rcache argument: its SAC attempts stop flushing
        assertEquals(0, value(r, "rcache flushes per 1000 maps", whatIf));
        assertTrue(value(r, "rcache flushes per 1000 maps", "linux-4.14") > 100);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.run(200, dir.resolve("x"), List.of("caller-flush=off"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("changes nothing"), e.getMessage());
    }
}
