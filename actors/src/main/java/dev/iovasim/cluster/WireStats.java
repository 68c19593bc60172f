package dev.iovasim.cluster;

import dev.iovasim.actors.FanOutMessage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes and messages that really crossed a JVM boundary through the Kryo serializer, counted in
 * the serializer itself; the fan-out's own messages ({@link FanOutMessage}) also apart. A flush is
 * the only fan-out in flight at a time, so the growth of the fan-out bytes across a flush is that
 * flush's cost, whatever other traffic crossed meanwhile.
 */
public final class WireStats {
    private static final LongAdder SENT_BYTES = new LongAdder();
    private static final LongAdder SENT_MESSAGES = new LongAdder();
    private static final LongAdder RECEIVED_BYTES = new LongAdder();
    private static final LongAdder RECEIVED_MESSAGES = new LongAdder();
    private static final LongAdder FAN_OUT_BYTES = new LongAdder();
    private static final LongAdder REFUSED = new LongAdder();

    private WireStats() {
    }

    static void sent(Object message, int bytes) {
        SENT_BYTES.add(bytes);
        SENT_MESSAGES.increment();
        if (message instanceof FanOutMessage) FAN_OUT_BYTES.add(bytes);
    }

    static void received(Object message, int bytes) {
        RECEIVED_BYTES.add(bytes);
        RECEIVED_MESSAGES.increment();
        if (message instanceof FanOutMessage) FAN_OUT_BYTES.add(bytes);
    }

    static void refused() {
        REFUSED.increment();
    }

    /** Incoming messages the serializer refused: unknown class ids, forged lengths, garbage. */
    public static long refusedMessages() {
        return REFUSED.sum();
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

    /** Bytes of fan-out messages, sent and received. */
    public static long fanOutBytes() {
        return FAN_OUT_BYTES.sum();
    }
}
