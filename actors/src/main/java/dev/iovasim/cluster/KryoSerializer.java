package dev.iovasim.cluster;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.JSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Akka serializer for every message that crosses a JVM: Kryo 5 with registration required.
 * Class ids come from {@link WireClasses}, identical on every node; actor references travel as
 * Akka's own serialization format through the {@link ActorRefResolver}. A class that is not
 * registered is refused on both sides with a log line naming it; it is never instantiated. A
 * frame that cannot be read (an unknown class id, a forged array length, garbage) is refused and
 * counted ({@link WireStats#refusedMessages}).
 */
public final class KryoSerializer extends JSerializer {
    /** Akka serializer ids below 40 are reserved; any fixed number above is ours. */
    public static final int IDENTIFIER = 7_141_001;
    private static final Logger LOG = LoggerFactory.getLogger(KryoSerializer.class);

    /** The config key of the cluster secret that tags every message ({@link WireTag}); empty: untagged. */
    public static final String SECRET_KEY = "iovasim.cluster-secret";

    /** A pooled Kryo and the tag that goes with it (neither is thread-safe). */
    private record Codec(Kryo kryo, WireTag tag) {
    }

    private final Pool<Codec> pool;

    public KryoSerializer(ExtendedActorSystem system) {
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        com.typesafe.config.Config config = system.settings().config();
        List<Class<?>> classes = WireClasses.of(config.getStringList(WireClasses.PROTOCOLS_KEY));
        String secret = config.hasPath(SECRET_KEY) ? config.getString(SECRET_KEY) : "";
        RefSerializer refs = new RefSerializer(resolver);
        this.pool = new Pool<>(true, false, 16) {
            @Override
            protected Codec create() {
                return new Codec(newKryo(refs, classes), WireTag.of(secret));
            }
        };
    }

    private static Kryo newKryo(RefSerializer refs, List<Class<?>> classes) {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(false);
        int id = WireClasses.FIRST_ID;
        for (Class<?> c : classes) k.register(c, id++);
        k.register(WireClasses.actorRefClass(), refs, id);
        FlushedSerializer.install(k);
        BoundedReads.guard(k, id);
        return k;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        Codec c = pool.obtain();
        try (Output out = new Output(256, -1)) {
            c.kryo().writeClassAndObject(out, o);
            byte[] bytes = c.tag() == null ? out.toBytes() : c.tag().append(out.toBytes());
            WireStats.crossed(o, bytes.length);
            return bytes;
        } catch (IllegalArgumentException | KryoException e) {
            LOG.error("refusing to serialize {}: {} (register it in WireClasses)", o.getClass().getName(), e.getMessage());
            throw e;
        } finally {
            pool.free(c);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Codec c = pool.obtain();
        try (Input in = new Input(c.tag() == null ? bytes : c.tag().strip(bytes))) {
            Object o = c.kryo().readClassAndObject(in);
            WireStats.crossed(o, bytes.length);
            return o;
        } catch (RuntimeException e) {
            // an unregistered class id, a forged length, garbage: refused, counted, and the
            // message dropped by Artery (which goes on with the next one)
            WireStats.refused();
            LOG.error("refusing to deserialize a message of {} bytes: {}", bytes.length, e.getMessage());
            throw e instanceof KryoException || e instanceof IllegalArgumentException ? e
                    : new KryoException("malformed message: " + e, e);
        } finally {
            pool.free(c);
        }
    }

    /**
     * An actor reference as Akka's serialization format string. A flush sends the same reply-to
     * reference to every CPU, and parsing an actor path costs more than the rest of the message,
     * so both directions are cached (a reference carries its actor's uid: a cached one never
     * points at a later actor of the same name). The caches keep the most recently used
     * references: every ask has a reference of its own that is never seen again, and a cache
     * emptied only when full grew each JVM's live heap by megabytes over a soak (scripts/soak).
     */
    private static final class RefSerializer extends Serializer<ActorRef<?>> {
        /** A run's lasting references (CPU actors, flushers, tree owner, depot) fit at 1024 CPUs. */
        private static final int CACHE_LIMIT = 2048;
        private final ActorRefResolver resolver;
        private final Map<ActorRef<?>, String> written = recentlyUsed();
        private final Map<String, ActorRef<?>> read = recentlyUsed();

        /** A map that drops its least recently used entry beyond {@link #CACHE_LIMIT}; safe for several threads. */
        private static <K, V> Map<K, V> recentlyUsed() {
            return Collections.synchronizedMap(new LinkedHashMap<>(CACHE_LIMIT * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > CACHE_LIMIT;
                }
            });
        }

        RefSerializer(ActorRefResolver resolver) {
            this.resolver = resolver;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, ActorRef<?> ref) {
            output.writeString(cached(written, ref, resolver::toSerializationFormat));
        }

        @Override
        public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
            BoundedReads.checkString(input);
            return cached(read, input.readString(), resolver::resolveActorRef);
        }

        /**
         * {@code cache}'s value for {@code key}, made outside the cache's lock when missing:
         * computeIfAbsent would hold it while a path is parsed, stalling the other lanes' reads
         * and writes. Two threads may both make a missing value; they make equal ones.
         */
        private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> make) {
            V v = cache.get(key);
            if (v == null) {
                v = make.apply(key);
                cache.put(key, v);
            }
            return v;
        }
    }
}
