package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import com.esotericsoftware.kryo.KryoException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A time series over cluster nodes sends its barrier ({@link IntervalHold}) and each CPU's part of a
 * row ({@link CpuSeries}) across JVMs: each message goes through the nodes' Kryo serializer, with the
 * protocol list the nodes load (common.conf), and back unchanged; a cut frame or one announcing
 * more pfns than it carries is refused, never read as a message nor allocated for.
 */
class SeriesWireTest {
    static ActorTestKit kit;
    static Serializer kryo;
    static TestProbe<Object> probe;

    @BeforeAll
    static void start() {
        List<String> protocols = ConfigFactory.parseResources("common.conf").resolve().getStringList("iovasim.wire.protocols");
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                akka.loglevel = OFF
                akka.actor.serializers.kryo = "dev.iovasim.cluster.KryoSerializer"
                akka.actor.serialization-bindings { "dev.iovasim.actors.WireMessage" = kryo }
                akka.actor.allow-java-serialization = off
                """).withValue("iovasim.wire.protocols", ConfigValueFactory.fromIterable(protocols))
                .withFallback(ConfigFactory.load()));
        probe = kit.createTestProbe();
        kryo = SerializationExtension.get(Adapter.toClassic(kit.system())).findSerializerFor(new IntervalHold.Settle(null));
        assertEquals("KryoSerializer", kryo.getClass().getSimpleName(), "the series' messages are bound to the nodes' Kryo");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @SuppressWarnings("unchecked")
    private static <T> akka.actor.typed.ActorRef<T> ref() {
        return (akka.actor.typed.ActorRef<T>) (akka.actor.typed.ActorRef<?>) probe.getRef();
    }

    private static List<Object> messages() {
        return List.of(
                new IntervalHold.HoldAt(4_000_000_123L, ref()),
                new IntervalHold.Settle(ref()),
                new IntervalHold.Held(1023, 1L << 40, 987_654_321L, true, 77, 76),
                new CpuSeries.Sample(ref()),
                new CpuSeries.CpuSample(511, new long[] {0, 128, 1L << 33, 7, 0, 3}, 256, stats()));
    }

    private static long[] stats() {
        long[] s = new long[40];
        for (int i = 0; i < s.length; i++) s[i] = (long) i * i * 1_000_003L;
        return s;
    }

    @Test
    void everyMessageRoundTrips() {
        for (Object m : messages()) {
            Object back = kryo.fromBinary(kryo.toBinary(m));
            assertEquals(m.getClass(), back.getClass());
            if (back instanceof CpuSeries.CpuSample b) {
                CpuSeries.CpuSample a = (CpuSeries.CpuSample) m;
                assertEquals(a.cpu(), b.cpu());
                assertEquals(a.fqQueued(), b.fqQueued());
                assertArrayEquals(a.magazinePfns(), b.magazinePfns());
                assertArrayEquals(a.stats(), b.stats());
            } else {
                assertEquals(m, back, "records of numbers and references compare by value");
            }
        }
        // a reply-to reference still reaches its actor
        IntervalHold.Settle back = (IntervalHold.Settle) kryo.fromBinary(kryo.toBinary(new IntervalHold.Settle(ref())));
        back.replyTo().tell(new IntervalHold.Held(0, 0, 0, false, 0, 0));
        probe.expectMessageClass(IntervalHold.Held.class);
    }

    /** A message's frame cut short on the wire, anywhere (its first byte, its middle, its last byte), is refused. */
    @Test
    void aCutFrameIsRefused() {
        for (Object m : messages()) {
            byte[] whole = kryo.toBinary(m);
            for (int n : new int[] {0, 1, whole.length / 3, whole.length / 2, whole.length - 1}) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThrows(KryoException.class, () -> kryo.fromBinary(cut), m.getClass().getSimpleName() + " cut to " + n);
            }
        }
    }

    /**
     * A CPU's row part whose magazine array announces 2^31 - 1 pfns in a frame of a few dozen bytes
     * (forged, or garbled): refused before anything that size is allocated.
     */
    @Test
    void aPfnArrayLongerThanItsFrameIsRefused() {
        byte[] good = kryo.toBinary(new CpuSeries.CpuSample(3, new long[] {1, 1, 1, 1, 1, 1}, 0, new long[0]));
        // long[] is written as its length + 1, then each element (1 zig-zagged: one byte, 2)
        byte[] magazines = {7, 2, 2, 2, 2, 2, 2};
        int at = indexOf(good, magazines);
        assertTrue(at > 0, "the magazine array in " + Arrays.toString(good));
        byte[] forged = new byte[good.length + 4];
        System.arraycopy(good, 0, forged, 0, at);
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        System.arraycopy(huge, 0, forged, at, huge.length);
        System.arraycopy(good, at + 1, forged, at + huge.length, good.length - at - 1);
        KryoException e = assertThrows(KryoException.class, () -> kryo.fromBinary(forged));
        assertTrue(e.getMessage().contains("2147483646 elements announced"), e.getMessage());
        // the serializer goes on reading good frames
        assertEquals(3, ((CpuSeries.CpuSample) kryo.fromBinary(good)).cpu());
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) return i;
        }
        return -1;
    }
}
