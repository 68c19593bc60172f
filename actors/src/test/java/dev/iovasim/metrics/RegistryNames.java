package dev.iovasim.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The names a registry shows a scraper, for the tests that hold docs and dashboards to them. */
final class RegistryNames {
    private RegistryNames() {
    }

    /** The names of a node's own metric families (the {@value IovasimMetrics#PREFIX} ones: JVM ones excluded), as registered. */
    static Set<String> families(IovasimMetrics m) {
        return Collections.list(m.registry().metricFamilySamples()).stream().map(f -> f.name)
                .filter(n -> n.startsWith(IovasimMetrics.PREFIX)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every series name a scrape may show, JVM metrics included: a counter's {@code _total}, a
     * histogram's {@code _bucket}, {@code _sum} and {@code _count}. A query may name any of these.
     */
    static Set<String> exposed(IovasimMetrics m) {
        Set<String> names = new TreeSet<>();
        for (Collector.MetricFamilySamples f : Collections.list(m.registry().metricFamilySamples())) {
            names.addAll(seriesNames(f.name, f.type));
            for (Collector.MetricFamilySamples.Sample s : f.samples) names.add(s.name);
        }
        return names;
    }

    /** The series names a metric family shows on a scrape, whether or not it has samples yet. */
    private static List<String> seriesNames(String family, Collector.Type type) {
        return switch (type) {
            case COUNTER -> List.of(family + "_total", family + "_created");
            case HISTOGRAM, GAUGE_HISTOGRAM -> List.of(family + "_bucket", family + "_sum", family + "_count", family + "_created");
            case SUMMARY -> List.of(family, family + "_sum", family + "_count", family + "_created");
            case INFO -> List.of(family + "_info");
            default -> List.of(family);
        };
    }
}
