package dev.iovasim.allocator.series;

import dev.iovasim.allocator.Counter;
import java.util.Arrays;

/**
 * The time series' columns, in CSV order: the one definition of each (its CSV name, unit, type
 * and meaning) that the CSV writer, docs/timeseries.md and its test read. "Interval" columns
 * count what happened since the previous row; "state" columns describe the moment of the row.
 */
public enum Column {
    POLICY("policy", "-", Type.TEXT, "the run's policy name (several runs may share one file)"),
    TIME("sim_time_s", "s", Type.REAL, "simulated time at the end of the interval"),
    OPS("ops", "operations", Type.COUNT, "interval: operations the workload issued"),
    TREE_NODES("tree_nodes", "nodes", Type.COUNT, "state: ranges in the rbtree (allocated, cached, queued and reserved)"),
    MAG_PFNS_0("magazine_pfns_c0", "pfns", Type.COUNT, "state: IOVAs of size class 0 (1 page) in the CPUs' loaded/prev magazines"),
    MAG_PFNS_1("magazine_pfns_c1", "pfns", Type.COUNT, "state: the same for class 1 (2 pages)"),
    MAG_PFNS_2("magazine_pfns_c2", "pfns", Type.COUNT, "state: the same for class 2 (3-4 pages)"),
    MAG_PFNS_3("magazine_pfns_c3", "pfns", Type.COUNT, "state: the same for class 3 (5-8 pages)"),
    MAG_PFNS_4("magazine_pfns_c4", "pfns", Type.COUNT, "state: the same for class 4 (9-16 pages)"),
    MAG_PFNS_5("magazine_pfns_c5", "pfns", Type.COUNT, "state: the same for class 5 (17-32 pages)"),
    DEPOT_PFNS_0("depot_pfns_c0", "pfns", Type.COUNT, "state: IOVAs of size class 0 in the depot's magazines"),
    DEPOT_PFNS_1("depot_pfns_c1", "pfns", Type.COUNT, "state: the same for class 1"),
    DEPOT_PFNS_2("depot_pfns_c2", "pfns", Type.COUNT, "state: the same for class 2"),
    DEPOT_PFNS_3("depot_pfns_c3", "pfns", Type.COUNT, "state: the same for class 3"),
    DEPOT_PFNS_4("depot_pfns_c4", "pfns", Type.COUNT, "state: the same for class 4"),
    DEPOT_PFNS_5("depot_pfns_c5", "pfns", Type.COUNT, "state: the same for class 5"),
    DEPOT_MAGAZINES("depot_magazines", "magazines", Type.COUNT, "state: full magazines in the depot, all classes"),
    ALLOCS_MAGAZINE("allocs_magazine", "allocations", Type.COUNT, "interval: allocations served by the CPU's own loaded/prev magazine", Counter.CPU_HITS),
    ALLOCS_DEPOT("allocs_depot", "allocations", Type.COUNT, "interval: allocations served by a magazine just taken from the depot", Counter.DEPOT_HITS),
    ALLOCS_TREE("allocs_tree", "allocations", Type.COUNT, "interval: allocations served by the tree", Counter.TREE_ALLOCS),
    ALLOCS_FAILED("allocs_failed", "allocations", Type.COUNT, "interval: allocations that failed", Counter.FAILED),
    ALLOC_NODES_MEAN("alloc_nodes_mean", "nodes", Type.REAL, "interval: tree nodes visited per allocation (0 for a cache hit), mean"),
    ALLOC_NODES_P99("alloc_nodes_p99", "nodes", Type.COUNT, "interval: the same, 99th percentile (above 255: within 1/16)"),
    ALLOC_NODES_MAX("alloc_nodes_max", "nodes", Type.COUNT, "interval: the same, largest"),
    FREE_NODES_MEAN("free_nodes_mean", "nodes", Type.REAL, "interval: tree nodes visited per free_iova_fast (0 when it stays in the caches), mean"),
    FREE_NODES_P99("free_nodes_p99", "nodes", Type.COUNT, "interval: the same, 99th percentile (above 255: within 1/16)"),
    FREE_NODES_MAX("free_nodes_max", "nodes", Type.COUNT, "interval: the same, largest"),
    DEPOT_OVERFLOWS("depot_overflow_magazines", "magazines", Type.COUNT, "interval: full magazines the depot refused, freed into the tree pfn by pfn", Counter.DEPOT_OVERFLOWS),
    DEPOT_TRIMS("depot_trims", "magazines", Type.COUNT, "interval: magazines the 6.7+ delayed trim freed into the tree", Counter.TRIMS),
    RCACHE_FLUSHES("rcache_flushes", "flushes", Type.COUNT, "interval: flushes of every CPU's caches after a failed tree allocation", Counter.FLUSHES),
    FQ_FLUSHES("fq_flushes", "flushes", Type.COUNT, "interval: IOTLB flushes by the flush queues (full queue or timer)", Counter.FQ_FLUSHES),
    FQ_TIMER_FLUSHES("fq_timer_flushes", "flushes", Type.COUNT, "interval: of fq_flushes, those made by the flush-queue timer", Counter.FQ_TIMER_FLUSHES),
    FQ_FREED("fq_freed", "IOVAs", Type.COUNT, "interval: queued IOVAs freed after their flush", Counter.FQ_FREED),
    FQ_WAIT_MEAN("fq_wait_mean_us", "µs", Type.REAL, "interval: simulated time the freed IOVAs waited in their queue, mean"),
    FQ_QUEUED("fq_queued", "IOVAs", Type.COUNT, "state: IOVAs waiting in all flush queues"),
    FQ_LONGEST("fq_longest_queue", "IOVAs", Type.COUNT, "state: IOVAs in the longest flush queue"),
    SAC_ATTEMPTS("sac_attempts", "maps", Type.COUNT, "interval: maps that tried a 32-bit address first", Counter.SAC_ATTEMPTS),
    SAC_FAILURES("sac_failures", "maps", Type.COUNT, "interval: of those, the ones that found no 32-bit address", Counter.SAC_FAILURES),
    MAX32_FAST_FAILS("max32_fast_fails", "allocations", Type.COUNT, "interval: 32-bit tree searches failed at once by max32_alloc_size"),
    MAX32_RESETS("max32_resets", "frees", Type.COUNT, "interval: frees below 4 GiB that reset max32_alloc_size");

    /** How a column's values are written. */
    public enum Type {
        TEXT, COUNT, REAL
    }

    private final String csvName;
    private final String unit;
    private final Type type;
    private final String help;
    private final Counter counter;

    Column(String csvName, String unit, Type type, String help) {
        this(csvName, unit, type, help, null);
    }

    Column(String csvName, String unit, Type type, String help, Counter counter) {
        this.csvName = csvName;
        this.unit = unit;
        this.type = type;
        this.help = help;
        this.counter = counter;
    }

    public String csvName() {
        return csvName;
    }

    public String unit() {
        return unit;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
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
