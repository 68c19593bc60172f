package dev.iovasim.allocator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every counter of {@link AllocStats}, defined once: its report key (the run report's JSON key
 * and the sweep CSV's column), unit and meaning, the Prometheus series it feeds, its row label in
 * the comparison table, the group of the report it belongs to, and how two owners' values merge.
 * The exporters iterate this enum, so a counter added here appears in each of them at once.
 * The enum's order within a {@link Group} is the order of the report's keys.
 */
public enum Counter {
    // the run report's head: allocations by outcome (a partition of allocs), flushes
    ALLOCS("allocs", Group.RUN, "allocations", "allocations (alloc or map)", null, null, "allocations"),
    FAILED("alloc_failed", Group.RUN, "allocations", "allocations that found no range",
            Family.ALLOCATIONS, "failed", "  failed"),
    /** Served from {@code loaded}/{@code prev} (not counting depot hits). */
    CPU_HITS("rcache_hits", Group.RUN, "allocations", "allocations a CPU magazine or the depot served",
            Family.ALLOCATIONS, "rcache", "  rcache hit"),
    /** Served from a magazine just taken from the depot. */
    DEPOT_HITS("depot_hits", Group.RUN, "allocations", "allocations the depot served",
            Family.ALLOCATIONS, "depot", "  depot hit"),
    TREE_ALLOCS("tree_allocs", Group.RUN, "allocations", "allocations the tree served",
            Family.ALLOCATIONS, "tree", "  tree"),
    FLUSHES("flushes", Group.RUN, "flushes", "rcache flushes", Family.FLUSHES, null, "flushes"),
    FLUSH_CPU_VISITS("flush_cpu_visits", Group.RUN, "CPUs", "CPUs whose magazines a flush emptied, summed over flushes",
            Family.FLUSH_CPU_VISITS, null, "CPUs visited by flushes"),
    /** Exported as the {@code useless} kind: these less {@link #FLUSHED_USEFUL} ({@link #exported}). */
    FLUSHED_PFNS("flushed_pfns", Group.RUN, "ranges", "ranges flushes returned to the tree",
            Family.FLUSHED_PFNS, "useless", "pfns flushed"),
    FLUSHED_USEFUL("flushed_pfns_useful", Group.RUN, "ranges", "flushed ranges at or below the failing request's limit",
            Family.FLUSHED_PFNS, "useful", "  useful (under the limit)"),
    // the report's breakdowns behind the totals
    FREES("frees", Group.DETAIL, "frees", "frees (free or unmap)", null, null, null),
    FREES_TO_MAGAZINE("frees_to_magazine", Group.DETAIL, "frees", "frees a CPU magazine took",
            Family.FREES, "rcache", null),
    FREES_TO_DEPOT("frees_to_depot", Group.DETAIL, "frees", "frees that pushed a full magazine to the depot",
            Family.FREES, "depot", null),
    FREES_TO_TREE("frees_to_tree", Group.DETAIL, "frees", "frees that went back to the tree",
            Family.FREES, "tree", null),
    /** Full magazines the depot refused: their pfns went back to the tree. */
    DEPOT_OVERFLOWS("depot_overflows", Group.DETAIL, "magazines", "full magazines the bounded depot refused",
            Family.DEPOT_OVERFLOWS, null, null),
    FLUSH_RETRY_SUCCEEDED("flush_retry_succeeded", Group.DETAIL, "flushes", "flushes whose retried allocation succeeded",
            Family.FLUSH_RETRY_SUCCESSES, null, null),
    TRIMS("depot_trims", Group.DETAIL, "magazines", "magazines the delayed depot trim (6.7+) freed",
            Family.DEPOT_TRIMS, null, null),
    TRIMMED_PFNS("depot_trimmed_pfns", Group.DETAIL, "ranges", "ranges the depot trim returned to the tree",
            Family.DEPOT_TRIMMED_PFNS, null, null),
    /** Maps that tried a 32-bit (SAC) address first (DmaLayer). */
    SAC_ATTEMPTS("sac_attempts", Group.DETAIL, "maps", "maps that tried a 32-bit (SAC) address first",
            Family.SAC_ATTEMPTS, null, "maps trying 32 bits first (SAC)"),
    SAC_FAILURES("sac_failures", Group.DETAIL, "maps", "SAC attempts that found no 32-bit address",
            Family.SAC_FAILURES, null, "  no 32-bit address"),
    /** Devices whose pci_32bit_workaround flag a SAC failure cleared (v6.4+ sticky rule). */
    DEVICES_SWITCHED("devices_switched", Group.DETAIL, "devices", "devices that stopped trying SAC (6.4+ sticky rule)",
            Family.DEVICES_SWITCHED, null, "devices switched to 64-bit"),
    // reported among the work units
    MAGAZINE_MOVES("work_magazine_moves", Group.WORK, "work units", "ranges moved in or out of magazines",
            Family.MAGAZINE_PFNS_MOVED, null, null),
    DEPOT_EXCHANGES("work_depot_exchanges", Group.WORK, "work units", "magazines exchanged with the depot",
            Family.DEPOT_MAGAZINES_MOVED, null, null),
    // not in a run report (a simulate run unplugs no CPU)
    CPU_UNPLUGS("cpu_unplugs", Group.UNREPORTED, "CPUs", "CPU hot-unplugs (cpuDead)",
            Family.CPU_UNPLUGS, null, null),
    UNPLUG_PFNS("unplug_reclaimed_pfns", Group.UNREPORTED, "ranges", "ranges returned to the tree from unplugged CPUs' magazines",
            Family.UNPLUG_RECLAIMED_PFNS, null, null),
    // the flush queues (lazy invalidation)
    FQ_QUEUED("fq_queued", Group.FLUSH_QUEUE, "IOVAs", "unmaps that entered a flush queue (queue_iova)",
            Family.FQ_QUEUED, null, null),
    /** IOTLB flushes the flush queues made: a full queue or the timer (fq_flush_iotlb / iova_domain_flush). */
    FQ_FLUSHES("fq_flushes", Group.FLUSH_QUEUE, "flushes", "IOTLB flushes by the flush queues (full queue or timer)",
            Family.FQ_FLUSHES, null, "flush-queue IOTLB flushes"),
    /** Of {@link #FQ_FLUSHES}, those made because the unmapping CPU's queue was full. */
    FQ_FULL_FLUSHES("fq_full_flushes", Group.FLUSH_QUEUE, "flushes", "of fq_flushes, those made because a queue was full",
            null, null, null),
    /** Of {@link #FQ_FLUSHES}, those made by the queue timer (fq_flush_timeout). */
    FQ_TIMER_FLUSHES("fq_timer_flushes", Group.FLUSH_QUEUE, "flushes", "of fq_flushes, those made by the flush-queue timer",
            Family.FQ_TIMER_FLUSHES, null, "  by the 10 ms / 1 s timer"),
    /** Queued IOVAs freed (through free_iova_fast) once a flush that started after them finished. */
    FQ_FREED("fq_freed", Group.FLUSH_QUEUE, "IOVAs", "queued IOVAs freed after their flush",
            Family.FQ_FREED, null, null),
    FQ_BATCHES("fq_batches", Group.FLUSH_QUEUE, "batches", "frees of flushed entries from one queue (fq_ring_free calls that freed any)",
            null, null, null),
    FQ_MAX_BATCH("fq_batch_max", Group.FLUSH_QUEUE, "IOVAs", "most IOVAs one batch freed", null, null, null, Merge.MAX),
    /** Simulated nanoseconds the freed entries waited in their queue: total and largest (reported as µs figures). */
    FQ_WAIT_NANOS("fq_wait_nanos", Group.UNREPORTED, "ns", "simulated time freed entries waited in their queue, summed",
            null, null, null),
    FQ_MAX_WAIT_NANOS("fq_wait_max_nanos", Group.UNREPORTED, "ns", "simulated time one freed entry waited in its queue, largest",
            null, null, null, Merge.MAX);

    /** Where a counter stands in the run report. */
    public enum Group {
        /** The report's head, after the run's identity. */
        RUN,
        /** The breakdowns after the derived rates. */
        DETAIL,
        /** Among the work units (keys {@code work_...}). */
        WORK,
        /** The flush queues' figures (lazy invalidation only). */
        FLUSH_QUEUE,
        /** Not in a run report: only in the exporters' and the engines' own figures. */
        UNREPORTED
    }

    /** How two owners' values of a counter make the run's: counts add up, a largest value is the larger. */
    public enum Merge {
        SUM, MAX
    }

    /**
     * A Prometheus counter family fed from these counters (the prefix {@code iovasim_} added by
     * the exporter); several counters share a family told apart by its {@link #label}.
     */
    public enum Family {
        ALLOCATIONS("Allocations (alloc or map) by where they were served from.", "outcome"),
        FREES("Frees by where the range went: a CPU magazine, the depot, or the tree.", "path"),
        DEPOT_OVERFLOWS("Full magazines the bounded depot refused; their pfns went back to the tree.", null),
        DEPOT_MAGAZINES_MOVED("Magazines passed between a CPU and the depot, either way.", null),
        MAGAZINE_PFNS_MOVED("pfns pushed into or popped from CPU magazines.", null),
        FLUSHES("rcache flushes: a tree allocation failed and every CPU's magazines were emptied.", null),
        FLUSH_CPU_VISITS("CPUs whose magazines a flush emptied, summed over flushes.", null),
        FLUSH_RETRY_SUCCESSES("Flushes whose retried tree allocation succeeded.", null),
        FLUSHED_PFNS("Ranges flushes returned to the tree: 'useful' lie at or below the failing request's limit, 'useless' cannot help it.", "kind"),
        CPU_UNPLUGS("CPU hot-unplugs (cpuDead): the CPU's magazines went back to the tree.", null),
        UNPLUG_RECLAIMED_PFNS("pfns returned to the tree from unplugged CPUs' magazines.", null),
        DEPOT_TRIMS("Magazines the delayed depot trim (6.7+) freed.", null),
        DEPOT_TRIMMED_PFNS("pfns the delayed depot trim (6.7+) returned to the tree.", null),
        SAC_ATTEMPTS("Maps that tried a 32-bit (SAC) address first (the DMA layer's rule).", null),
        SAC_FAILURES("SAC attempts that found no 32-bit address; the map then tried its own limit.", null),
        DEVICES_SWITCHED("Devices whose first SAC failure made them stop trying 32 bits (v6.4+ sticky rule).", null),
        FQ_QUEUED("Unmaps that entered a flush queue (lazy invalidation, queue_iova).", null),
        FQ_FLUSHES("IOTLB flushes made by the flush queues: a full queue or the timer.", null),
        FQ_TIMER_FLUSHES("Of the flush-queue flushes, those made by the queue timer (fq_flush_timeout).", null),
        FQ_FREED("Queued IOVAs freed into the rcache after a flush that started after their unmap.", null);

        private final String help;
        private final String label;

        Family(String help, String label) {
            this.help = help;
            this.label = label;
        }

        /** The family's name without the exporter's prefix: the constant's, in lower case, as a Prometheus counter's. */
        public String familyName() {
            return name().toLowerCase(Locale.ROOT) + "_total";
        }

        public String help() {
            return help;
        }

        /** The label that tells the family's counters apart, or null for a family of one counter. */
        public String label() {
            return label;
        }
    }

    private static final Counter[] ALL = values();
    /** How many counters there are: the length of {@link AllocStats}'s counter vector. */
    public static final int COUNT = ALL.length;

    private final String key;
    private final Group group;
    private final String unit;
    private final String meaning;
    private final Family family;
    private final String labelValue;
    private final String tableLabel;
    private final Merge merge;

    Counter(String key, Group group, String unit, String meaning, Family family, String labelValue, String tableLabel) {
        this(key, group, unit, meaning, family, labelValue, tableLabel, Merge.SUM);
    }

    Counter(String key, Group group, String unit, String meaning, Family family, String labelValue, String tableLabel,
            Merge merge) {
        this.key = key;
        this.group = group;
        this.unit = unit;
        this.meaning = meaning;
        this.family = family;
        this.labelValue = labelValue;
        this.tableLabel = tableLabel;
        this.merge = merge;
    }

    /** The counters in enum order (a shared array: do not change it). */
    static Counter[] all() {
        return ALL;
    }

    /** The counters of one report group, in report order. */
    public static List<Counter> in(Group g) {
        return Arrays.stream(ALL).filter(c -> c.group == g).toList();
    }

    /** The run report's JSON key and the sweep CSV's column (for an unreported counter, the name it would take). */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** What the counter counts, as the CSV schema and docs/sweep-csv.md say it. */
    public String meaning() {
        return meaning;
    }

    /** The Prometheus family it feeds, or null for one not exported. */
    public Family family() {
        return family;
    }

    /** Its value of the family's {@link Family#label}, or null for a family of one counter. */
    public String labelValue() {
        return labelValue;
    }

    /** Its row in the comparison table, or null for one the table does not show alone. */
    public String tableLabel() {
        return tableLabel;
    }

    public Merge merge() {
        return merge;
    }

    /**
     * The value its Prometheus series shows, from a counter vector: the counter itself, but for
     * {@link #FLUSHED_PFNS}, whose series is the {@code useless} kind beside {@link #FLUSHED_USEFUL}
     * (the kinds add up to the flushed pfns).
     */
    public long exported(long[] counters) {
        if (this == FLUSHED_PFNS) return counters[FLUSHED_PFNS.ordinal()] - counters[FLUSHED_USEFUL.ordinal()];
        return counters[ordinal()];
    }
}
