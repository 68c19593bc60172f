package dev.iovasim.scenario;

import static dev.iovasim.scenario.ScenarioDirectionTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.engine.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-16 scenarios about the depot's size and the rcache's range, at small sizes: each moves
 * the way its published report did (direction, not magnitude) and through its mechanism.
 */
class DepotAndRangeScenariosTest {
    @TempDir
    Path dir;

    private ScenarioResult run(String name, long size, List<String> whatIf) {
        ScenarioResult r = Catalogue.byName(name).run(size, dir.resolve(name), whatIf, ProgressListener.NONE);
        for (Path f : r.files()) assertTrue(Files.isRegularFile(f), f + " was not written");
        return r;
    }

    private static Ratios ratios(ScenarioResult r, String metric, String kernel) {
        return Ratios.of(r.figures()).entrySet().stream()
                .filter(e -> e.getKey().metric().equals(metric) && e.getKey().kernel().equals(kernel))
                .findFirst().orElseThrow().getValue();
    }

    /** __iova_rcache_insert (v6.1): a full 32-magazine depot frees the magazine pfn by pfn; iova_depot_push (v6.7) keeps it. */
    @Test
    void depotOverflowAgingOverflowsOnlyTheArrayDepot() {
        ScenarioResult r = run(DepotOverflowAging.NAME, 4000, List.of());
        String before = DepotOverflowAging.BEFORE;
        String after = DepotOverflowAging.AFTER;
        assertTrue(value(r, "depot overflows", before) > 10, "the 32-magazine depot did not overflow");
        assertEquals(0, value(r, "depot overflows", after));
        assertTrue(value(r, "rcache hit rate", after) > value(r, "rcache hit rate", before));
        Ratios q = ratios(r, "throughput proxy", after);
        assertTrue(q.sameDirection(), "simulated " + q.simulated() + " against published " + q.published());
    }

    /** fq_flush_timeout frees every queue on one CPU: with MAX_GLOBAL_MAGS the flood overflows, with the v6.7 list it does not. */
    @Test
    void longRunTimerFloodsOverflowTheArrayDepotAndTheRcacheGrows() {
        ScenarioResult r = run(LongRunDegradation.NAME, 2000, List.of());
        String before = LongRunDegradation.BEFORE;
        String after = LongRunDegradation.AFTER;
        assertTrue(value(r, "flush-queue timer flushes", before) > 0);
        assertTrue(value(r, "depot overflows", before) > 10, "the timer's flood did not overflow the depot");
        assertEquals(0, value(r, "depot overflows", after));
        assertTrue(value(r, "rcache hit rate", after) > value(r, "rcache hit rate", before));
        assertTrue(value(r, LongRunDegradation.GROWTH, before) > 1, "the rcache did not grow over the run");
        assertTrue(ratios(r, "throughput proxy", after).sameDirection());
    }

    /** iova_rcache_insert with rcache_max_size 10 (Garry's v5 series) caches what IOVA_RANGE_CACHE_MAX_SIZE 6 sent to the tree. */
    @Test
    void rcacheRangeTenClassesCacheTheLargeMaps() {
        ScenarioResult r = run(RcacheRange.NAME, 600, List.of("rcache-classes=8"));
        String before = RcacheRange.BEFORE;
        String after = RcacheRange.AFTER;
        String eight = before + "+rcache-classes=8";
        double treeBefore = value(r, "tree allocations per 1000 maps", before);
        assertTrue(treeBefore > 300, "4 of 10 classes are above 32 pages, got " + treeBefore);
        // the what-if caches 2 of the 4 uncached classes: between the two
        assertTrue(value(r, "tree allocations per 1000 maps", eight) < treeBefore);
        assertTrue(value(r, "tree allocations per 1000 maps", after) < value(r, "tree allocations per 1000 maps", eight));
        Ratios q = ratios(r, "throughput proxy", after);
        assertTrue(q.sameDirection(), "simulated " + q.simulated() + " against published " + q.published());
        assertEquals(3, r.files().size() - 1, "one CSV per kernel and the plot");
    }
}
