package dev.iovasim.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes and messages that really crossed a JVM boundary through the Kryo serializer, counted in
 * the serializer itself. A flush is the only fan-out in flight at a time, so the change of these
 * counters across a flush is that flush's cost.
 */
public final class WireStats {
    private static final LongAdder SENT_BYTES = new LongAdder();
    private static final LongAdder SENT_MESSAGES = new LongAdder();
    private static final LongAdder RECEIVED_BYTES = new LongAdder();
    private static final LongAdder RECEIVED_MESSAGES = new LongAdder();

    private WireStats() {
    }

    static void sent(int bytes) {
        SENT_BYTES.add(bytes);
        SENT_MESSAGES.increment();
    }

    static void received(int bytes) {
        RECEIVED_BYTES.add(bytes);
        RECEIVED_MESSAGES.increment();
    }

    public static long sentBytes() {
        return SENT_BYTES.sum();
    }

    public static long sentMessages() {
        return SENT_MESSAGES.sum();
    }

    public static long receivedBytes() {
        return RECEIVED_BYTES.sum();
    }

    public static long receivedMessages() {
        return RECEIVED_MESSAGES.sum();
    }

    /** Sent plus received bytes. */
    public static long totalBytes() {
        return sentBytes() + receivedBytes();
    }
}
