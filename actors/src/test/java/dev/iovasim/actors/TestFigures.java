package dev.iovasim.actors;

import org.HdrHistogram.AbstractHistogram;

/** Actor messages with chosen latency records, for tests outside this package. */
public final class TestFigures {
    private TestFigures() {
    }

    /** A CPU's Stats answer: its counters, and one allocation of {@code nanos} with {@code outcome} for each value given. */
    public static WorkloadDriver.CpuStats cpuStats(int cpu, long[] stats, int outcome, long... nanos) {
        LatencyBook book = new LatencyBook();
        for (long n : nanos) book.record(outcome, n);
        return new WorkloadDriver.CpuStats(cpu, stats, book.encode());
    }

    /** A flush latency record as the tree owner's report carries it: one flush of each value given. */
    public static byte[] flushLatency(long... nanos) {
        AbstractHistogram h = LatencyBook.newHistogram();
        for (long n : nanos) LatencyBook.recordClamped(h, n);
        return LatencyBook.bytes(h);
    }
}
