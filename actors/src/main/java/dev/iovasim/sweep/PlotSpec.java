package dev.iovasim.sweep;

import java.util.List;

/**
 * One chart of a metric against CPUs.
 *
 * @param file   the PNG's name in the sweep directory
 * @param title  the chart's title
 * @param yAxis  the y axis title, with its unit
 * @param column the results.csv column plotted (its median over repeats)
 * @param scale  factor applied before plotting (100 for a fraction shown in %)
 */
public record PlotSpec(String file, String title, String yAxis, String column, double scale) {

    /** The sweep's charts, in the order the report shows them. */
    public static List<PlotSpec> all() {
        return List.of(
                new PlotSpec("flush-latency-p50.png", "Flush latency p50 vs CPUs", "flush latency, p50 (µs)",
                        "flush_latency_p50_us", 1),
                new PlotSpec("flush-latency-p99.png", "Flush latency p99 vs CPUs", "flush latency, p99 (µs)",
                        "flush_latency_p99_us", 1),
                new PlotSpec("fanout-messages-per-flush.png", "Flush fan-out: messages per flush vs CPUs",
                        "messages per flush", "fanout_messages_per_flush", 1),
                new PlotSpec("fanout-bytes-per-flush.png", "Flush fan-out: bytes per flush vs CPUs",
                        "bytes per flush", "fanout_bytes_per_flush", 1),
                new PlotSpec("hit-rate.png", "rcache hit rate vs CPUs", "allocations served by the rcache (%)",
                        "hit_rate", 100),
                new PlotSpec("alloc-latency-p99.png", "Allocation latency p99 vs CPUs", "allocation latency, p99 (µs)",
                        "alloc_latency_p99_us", 1),
                new PlotSpec("throughput.png", "Throughput vs CPUs", "operations per second", "ops_per_second", 1),
                new PlotSpec("flushed-pfns-per-flush.png", "pfns returned to the tree per flush vs CPUs",
                        "pfns per flush", "flushed_pfns_per_flush", 1),
                new PlotSpec("flushes.png", "Flushes per run vs CPUs", "flushes per run", "flushes", 1));
    }
}
