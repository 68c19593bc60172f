package dev.iovasim.allocator.series;

import dev.iovasim.allocator.Counter;
import java.util.Arrays;

/**
 * The time series' columns, in CSV order, each with its CSV name; docs/timeseries.md gives each
 * one's unit, type and meaning, in this order (its test checks). "Interval" columns count what
 * happened since the previous row; "state" columns describe the moment of the row.
 */
public enum Column {
    POLICY("policy"),
    TIME("sim_time_s"),
    OPS("ops"),
    TREE_NODES("tree_nodes"),
    MAG_PFNS_0("magazine_pfns_c0"),
    MAG_PFNS_1("magazine_pfns_c1"),
    MAG_PFNS_2("magazine_pfns_c2"),
    MAG_PFNS_3("magazine_pfns_c3"),
    MAG_PFNS_4("magazine_pfns_c4"),
    MAG_PFNS_5("magazine_pfns_c5"),
    DEPOT_PFNS_0("depot_pfns_c0"),
    DEPOT_PFNS_1("depot_pfns_c1"),
    DEPOT_PFNS_2("depot_pfns_c2"),
    DEPOT_PFNS_3("depot_pfns_c3"),
    DEPOT_PFNS_4("depot_pfns_c4"),
    DEPOT_PFNS_5("depot_pfns_c5"),
    DEPOT_MAGAZINES("depot_magazines"),
    ALLOCS_MAGAZINE("allocs_magazine", Counter.CPU_HITS),
    ALLOCS_DEPOT("allocs_depot", Counter.DEPOT_HITS),
    ALLOCS_TREE("allocs_tree", Counter.TREE_ALLOCS),
    ALLOCS_FAILED("allocs_failed", Counter.FAILED),
    ALLOC_NODES_MEAN("alloc_nodes_mean"),
    ALLOC_NODES_P99("alloc_nodes_p99"),
    ALLOC_NODES_MAX("alloc_nodes_max"),
    FREE_NODES_MEAN("free_nodes_mean"),
    FREE_NODES_P99("free_nodes_p99"),
    FREE_NODES_MAX("free_nodes_max"),
    DEPOT_OVERFLOWS("depot_overflow_magazines", Counter.DEPOT_OVERFLOWS),
    DEPOT_TRIMS("depot_trims", Counter.TRIMS),
    RCACHE_FLUSHES("rcache_flushes", Counter.FLUSHES),
    FQ_FLUSHES("fq_flushes", Counter.FQ_FLUSHES),
    FQ_TIMER_FLUSHES("fq_timer_flushes", Counter.FQ_TIMER_FLUSHES),
    FQ_FREED("fq_freed", Counter.FQ_FREED),
    FQ_WAIT_MEAN("fq_wait_mean_us"),
    FQ_QUEUED("fq_queued"),
    FQ_LONGEST("fq_longest_queue"),
    SAC_ATTEMPTS("sac_attempts", Counter.SAC_ATTEMPTS),
    SAC_FAILURES("sac_failures", Counter.SAC_FAILURES),
    MAX32_FAST_FAILS("max32_fast_fails"),
    MAX32_RESETS("max32_resets");

    private final String csvName;
    private final Counter counter;

    Column(String csvName) {
        this(csvName, null);
    }

    Column(String csvName, Counter counter) {
        this.csvName = csvName;
        this.counter = counter;
    }

    public String csvName() {
        return csvName;
    }

    /** The {@link dev.iovasim.allocator.AllocStats} counter whose growth over the interval this column is, or null. */
    public Counter counter() {
        return counter;
    }

    /** The CSV header, in order. */
    public static String[] header() {
        return Arrays.stream(values()).map(Column::csvName).toArray(String[]::new);
    }
}
