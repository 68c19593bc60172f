package dev.iovasim.cluster;

import dev.iovasim.actors.FanOutMessage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes that really crossed a JVM boundary through the Kryo serializer, counted in the serializer
 * itself: those of the fan-out's own messages ({@link FanOutMessage}, sent and received), and the
 * messages refused. A flush is
 * the only fan-out in flight at a time, so the growth of the fan-out bytes across a flush is that
 * flush's cost, whatever other traffic crossed meanwhile. The refused count is on a node's
 * /metrics ({@code iovasim_wire_refused_messages_total}), so an operator sees a foreign or broken
 * peer without reading the log.
 */
public final class WireStats {
    private static final LongAdder FAN_OUT_BYTES = new LongAdder();
    private static final LongAdder REFUSED = new LongAdder();

    private WireStats() {
    }

    /** A message of {@code bytes} sent or received. */
    static void crossed(Object message, int bytes) {
        if (message instanceof FanOutMessage) FAN_OUT_BYTES.add(bytes);
    }

    static void refused() {
        REFUSED.increment();
    }

    /** Incoming messages the serializer refused: unknown class ids, forged lengths, garbage. */
    public static long refusedMessages() {
        return REFUSED.sum();
    }

    /** Bytes of fan-out messages, sent and received. */
    public static long fanOutBytes() {
        return FAN_OUT_BYTES.sum();
    }
}
