package dev.iovasim.metrics;

import io.prometheus.client.Collector;
import java.util.List;

/** The series names a metric family shows on a scrape, whether or not it has samples yet. */
final class SeriesNames {
    private SeriesNames() {
    }

    static List<String> of(String family, Collector.Type type) {
        return switch (type) {
            case COUNTER -> List.of(family + "_total", family + "_created");
            case HISTOGRAM, GAUGE_HISTOGRAM -> List.of(family + "_bucket", family + "_sum", family + "_count", family + "_created");
            case SUMMARY -> List.of(family, family + "_sum", family + "_count", family + "_created");
            case INFO -> List.of(family + "_info");
            default -> List.of(family);
        };
    }
}
