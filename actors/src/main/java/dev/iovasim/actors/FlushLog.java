package dev.iovasim.actors;

import dev.iovasim.allocator.FlushRecord;
import org.HdrHistogram.AbstractHistogram;

/**
 * What the flushes of a run cost, in messages and wall time, beside what they returned. Kept
 * by the tree owner, which coordinates every flush.
 */
final class FlushLog {
    private final AbstractHistogram latency = LatencyBook.newHistogram();
    long flushes;
    long cpusContacted;
    long messagesSent;
    long messagesReceived;
    long pfns;
    long useful;
    long retrySucceeded;
    long bytes;

    void record(FlushRecord r, Gather g, long latencyNanos, long wireBytes) {
        bytes += wireBytes;
        flushes++;
        cpusContacted += g.cpus();
        messagesSent += g.messagesSent();
        messagesReceived += g.messagesReceived();
        pfns += r.pfns();
        useful += r.useful();
        retrySucceeded += r.retrySucceeded() ? 1 : 0;
        LatencyBook.recordClamped(latency, latencyNanos);
    }

    byte[] latencyBytes() {
        return LatencyBook.bytes(latency);
    }
}
