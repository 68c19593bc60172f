package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

/**
 * A series fed from cumulative records: each hand-over observes only what the record gained, so
 * the series' count and sum are the last record's; a record that went back is refused whole.
 */
class HistogramFeedTest {
    private final CollectorRegistry registry = new CollectorRegistry();
    private final Histogram latency = Histogram.build().name("t_seconds").help("t").buckets(IovasimMetrics.LATENCY_BUCKETS)
            .register(registry);
    private final Histogram sizes = Histogram.build().name("t_pfns").help("t").exponentialBuckets(1, 4, 13)
            .register(registry);
    private final HistogramFeed nanos = new HistogramFeed(latency.labels(), 1e-9, "latency");
    private final HistogramFeed pfns = new HistogramFeed(sizes.labels(), 1, "pfns");

    @Test
    void eachRecordAddsWhatItGainedOnly() {
        pfns.publish(new long[] {0, 2, 3, 1});
        assertEquals(3, count("t_pfns"));
        assertEquals(3, sum("t_pfns"));
        pfns.publish(new long[] {0, 2, 3, 1});
        assertEquals(3, count("t_pfns"), "the same record again adds nothing");
        pfns.publish(new long[] {0, 3, 3, 1, 5000, 2});
        assertEquals(6, count("t_pfns"));
        assertEquals(10_003, sum("t_pfns"), "exact counts by value give the exact sum");
        assertEquals(3, bucket("t_pfns", 1), "flushes that returned nothing count under every bound");
        assertEquals(4, bucket("t_pfns", 4));
        assertEquals(4, bucket("t_pfns", 4096));
        assertEquals(6, bucket("t_pfns", 16384));
    }

    @Test
    void latencyLandsOnItsSideOfABoundAndSumsAsHdrHistogramsMean() {
        IntCountsHistogram h = new IntCountsHistogram(1, 10_000_000_000L, 2);
        h.recordValue(100);
        h.recordValue(100);
        nanos.publish(HistogramFeed.countsOf(h));
        assertEquals(2, bucket("t_seconds", 1e-6), "100 ns is under the 1 us bound");
        h.recordValue(99_000);
        h.recordValue(101_000);
        nanos.publish(HistogramFeed.countsOf(h));
        assertEquals(2, bucket("t_seconds", 5e-5));
        assertEquals(3, bucket("t_seconds", 1e-4), "99 us is under the 100 us bound");
        assertEquals(4, bucket("t_seconds", 2.5e-4), "101 us is above it");
        assertEquals(4, count("t_seconds"));
        assertEquals(h.getMean() * h.getTotalCount() * 1e-9, sum("t_seconds"), 1e-15, "HdrHistogram's count times mean");
        double recorded = (100 + 100 + 99_000 + 101_000) * 1e-9;
        assertEquals(recorded, sum("t_seconds"), recorded / 128, "the recorded sum, within HdrHistogram's two digits");
    }

    @Test
    void countsOfGivesEachRecordedSlotOnceAscending() {
        IntCountsHistogram h = new IntCountsHistogram(1, 10_000_000_000L, 2);
        h.recordValue(7);
        h.recordValue(3);
        h.recordValue(7);
        h.recordValue(1_000_000);
        long slot = h.medianEquivalentValue(1_000_000);
        assertTrue(slot != 1_000_000 && h.valuesAreEquivalent(slot, 1_000_000), "a million ns is in a wider slot");
        assertArrayEquals(new long[] {3, 1, 7, 2, slot, 1}, HistogramFeed.countsOf(h));
        assertArrayEquals(new long[0], HistogramFeed.countsOf(new IntCountsHistogram(1, 1000, 2)));
    }

    @Test
    void aRecordThatWentBackIsRefusedWithNothingObserved() {
        pfns.publish(new long[] {2, 5, 8, 1});
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {2, 4, 8, 2}), "a count went back");
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {2, 6}), "the value 8 is gone");
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {8, 1}), "the value 2 is gone");
        assertEquals(6, count("t_pfns"), "refused records observe nothing");
        pfns.publish(new long[] {2, 6, 8, 1});
        assertEquals(7, count("t_pfns"), "the last accepted record stays the base");
    }

    @Test
    void malformedRecordsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {5, 1, 2, 1}), "values must ascend");
        assertThrows(IllegalArgumentException.class, () -> pfns.publish(new long[] {5, 0}), "counts above 0");
        assertEquals(0, count("t_pfns"));
    }

    @Test
    void aRestartedRecordAddsToWhatWasObserved() {
        pfns.publish(new long[] {4, 10});
        pfns.restart();
        pfns.publish(new long[] {4, 3});
        assertEquals(13, count("t_pfns"));
        assertEquals(52, sum("t_pfns"));
    }

    private double count(String name) {
        return registry.getSampleValue(name + "_count");
    }

    private double sum(String name) {
        return registry.getSampleValue(name + "_sum");
    }

    private double bucket(String name, double le) {
        return registry.getSampleValue(name + "_bucket", new String[] {"le"},
                new String[] {Collector.doubleToGoString(le)});
    }
}
