package dev.iovasim.sweep;

import java.util.List;

/**
 * One chart: a question the sweep answers, as a results.csv column against CPUs.
 *
 * @param name    the PNG's name without {@code .png} (a fan-out shape is appended when the sweep has several)
 * @param title   the chart's title
 * @param yAxis   the y axis title, with its unit
 * @param column  the results.csv column plotted (median over repeats, min-max band)
 * @param meaning what the chart shows, in one line, for the report
 */
public record PlotSpec(String name, String title, String yAxis, String column, String meaning) {

    /** The sweep's charts, in the order the report shows them. */
    public static List<PlotSpec> all() {
        return List.of(
                new PlotSpec("flush-latency-p50", "Flush latency (p50) vs CPUs", "flush latency, p50 (µs)",
                        "flush_latency_p50_us", "how long a typical flush takes, from the failing allocation to the retry's answer"),
                new PlotSpec("flush-latency-p99", "Flush latency (p99) vs CPUs", "flush latency, p99 (µs)",
                        "flush_latency_p99_us", "the slow tail of flushes: one in a hundred takes at least this long"),
                new PlotSpec("fanout-messages-per-flush", "Messages per flush vs CPUs", "messages per flush",
                        "fanout_messages_per_flush", "what one flush costs in messages: it grows with the CPUs it must reach"),
                new PlotSpec("fanout-bytes-per-flush", "Bytes per flush vs CPUs", "bytes per flush",
                        "fanout_bytes_per_flush", "serialized bytes one flush sends across JVMs (0 within one JVM)"),
                new PlotSpec("hit-rate", "rcache hit rate vs CPUs", "allocations served by the rcache (fraction 0-1)",
                        "hit_rate", "the share of allocations a CPU magazine or the depot served, without the tree"),
                new PlotSpec("flushes", "Flushes per run vs CPUs", "flushes per run", "flushes",
                        "how often the tree ran out and every CPU's magazines were emptied"),
                new PlotSpec("alloc-latency-p99", "Allocation latency (p99) vs CPUs", "allocation latency, p99 (µs)",
                        "alloc_latency_p99_us", "the slow tail of allocations as their CPU saw them"),
                new PlotSpec("throughput", "Throughput vs CPUs", "operations per second",
                        "ops_per_second", "operations the whole run completed per wall-clock second"));
    }
}
