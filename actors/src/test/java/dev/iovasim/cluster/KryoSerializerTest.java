package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import com.typesafe.config.ConfigFactory;
import dev.iovasim.actors.FanOutMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {
    /** A protocol owner as the actors declare theirs: records nested in one class. */
    static final class SampleProtocol {
        interface Wire {
        }

        record Magazine(int cpu, int sizeClass, long[] pfns) implements Wire {
        }

        record Ask(long size, long limit, boolean flush, ActorRef<Magazine> replyTo) implements Wire {
        }

        record Answer(long round, long[] pfns) implements Wire, FanOutMessage {
        }
    }

    /** Bound to Kryo, but its owner is not listed: must be refused. */
    record Stranger(int x) implements SampleProtocol.Wire {
    }

    static ActorTestKit kit;
    static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                akka.loglevel = OFF
                akka.actor.serializers.kryo = "dev.iovasim.cluster.KryoSerializer"
                akka.actor.serialization-bindings { "dev.iovasim.cluster.KryoSerializerTest$SampleProtocol$Wire" = kryo }
                akka.actor.allow-java-serialization = off
                iovasim.wire.protocols = ["dev.iovasim.cluster.KryoSerializerTest$SampleProtocol"]
                """).withFallback(ConfigFactory.load()));
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void recordsWithMagazinesRoundTrip() {
        var m = new SampleProtocol.Magazine(3, 5, new long[] {7, 1L << 40, -1});
        Serializer s = serialization.findSerializerFor(m);
        assertEquals(KryoSerializer.IDENTIFIER, s.identifier());
        byte[] bytes = s.toBinary(m);
        var back = (SampleProtocol.Magazine) s.fromBinary(bytes);
        assertEquals(3, back.cpu());
        assertEquals(5, back.sizeClass());
        assertArrayEquals(m.pfns(), back.pfns());
        assertTrue(bytes.length < 40, "compact encoding, got " + bytes.length + " bytes");
    }

    /** A flush's bytes are its own messages' even when other traffic crosses the node meanwhile. */
    @Test
    void onlyFanOutMessagesCountAsFanOutBytes() {
        var other = new SampleProtocol.Magazine(1, 0, new long[] {1, 2, 3});
        var answer = new SampleProtocol.Answer(9, new long[] {4, 5, 6});
        Serializer s = serialization.findSerializerFor(answer);
        long before = WireStats.fanOutBytes();
        s.fromBinary(s.toBinary(other));
        assertEquals(before, WireStats.fanOutBytes(), "other traffic is not the fan-out's");
        byte[] bytes = s.toBinary(answer);
        s.fromBinary(bytes);
        assertEquals(2L * bytes.length, WireStats.fanOutBytes() - before, "serialized and deserialized here");
    }

    @Test
    void actorReferencesTravelThroughTheResolver() {
        TestProbe<SampleProtocol.Magazine> probe = kit.createTestProbe();
        var ask = new SampleProtocol.Ask(4, (1L << 20) - 1, true, probe.getRef());
        Serializer s = serialization.findSerializerFor(ask);
        var back = (SampleProtocol.Ask) s.fromBinary(s.toBinary(ask));
        assertEquals(probe.getRef(), back.replyTo());
        back.replyTo().tell(new SampleProtocol.Magazine(0, 0, new long[0]));
        probe.expectMessageClass(SampleProtocol.Magazine.class);
    }

    /** A frame naming a class id nobody registered (as a foreign JVM might send): refused and counted. */
    @Test
    void frameNamingAnUnregisteredClassIsRefusedAndCounted() {
        Serializer s = serialization.findSerializerFor(new SampleProtocol.Magazine(0, 0, new long[0]));
        long before = WireStats.refusedMessages();
        com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(16);
        out.writeVarInt(5_000 + 2, true); // Kryo writes a class id + 2
        out.writeInt(42);
        assertThrows(com.esotericsoftware.kryo.KryoException.class, () -> s.fromBinary(out.toBytes()));
        assertEquals(before + 1, WireStats.refusedMessages());
    }

    /**
     * A long[] (registered first: class id 100, written + 2) announcing 2^31 - 2 elements in a
     * 15-byte frame: unguarded, Kryo allocates 16 GB first (an OutOfMemoryError, which ends an
     * actor system); refused before allocating, and the serializer goes on reading good frames.
     */
    @Test
    void forgedArrayLengthIsRefusedBeforeAllocating() {
        Serializer s = serialization.findSerializerFor(new SampleProtocol.Magazine(0, 0, new long[0]));
        long before = WireStats.refusedMessages();
        var e = assertThrows(com.esotericsoftware.kryo.KryoException.class,
                () -> s.fromBinary(frame(WireClasses.FIRST_ID, Integer.MAX_VALUE)));
        assertTrue(e.getMessage().contains("2147483646 elements announced with 8 bytes left"), e.getMessage());
        assertEquals(before + 1, WireStats.refusedMessages());
        var m = new SampleProtocol.Magazine(3, 5, new long[] {7});
        assertArrayEquals(m.pfns(), ((SampleProtocol.Magazine) s.fromBinary(s.toBinary(m))).pfns());
    }

    /** A UTF-8 string of 2^30 characters (String keeps Kryo's own id, 1). */
    @Test
    void forgedStringLengthIsRefused() {
        Serializer s = serialization.findSerializerFor(new SampleProtocol.Magazine(0, 0, new long[0]));
        com.esotericsoftware.kryo.io.Output forged = new com.esotericsoftware.kryo.io.Output(32);
        forged.writeVarInt(1 + 2, true);
        forged.writeVarIntFlag(true, (1 << 30) + 1, true);
        forged.writeBytes(new byte[8]);
        var e = assertThrows(com.esotericsoftware.kryo.KryoException.class, () -> s.fromBinary(forged.toBytes()));
        assertTrue(e.getMessage().contains("String of 1073741824 elements"), e.getMessage());
    }

    /** Class id {@code id}, then a length + 1 of {@code lengthPlusOne}, then 8 bytes. */
    private static byte[] frame(int id, int lengthPlusOne) {
        com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(32);
        out.writeVarInt(id + 2, true);
        out.writeVarInt(lengthPlusOne, true);
        out.writeBytes(new byte[8]);
        return out.toBytes();
    }

    @Test
    void unregisteredClassIsRefused() {
        Serializer s = serialization.findSerializerFor(new Stranger(1));
        assertThrows(IllegalArgumentException.class, () -> s.toBinary(new Stranger(1)));
    }
}
