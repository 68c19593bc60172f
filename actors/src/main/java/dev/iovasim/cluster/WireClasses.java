package dev.iovasim.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every class Kryo may put on the wire, in one fixed order: the order gives the registration
 * ids, so all nodes must run the same build and configuration. Message records are the nested
 * records of the protocol-owning classes named by {@value #PROTOCOLS_KEY} (an actor class, whose
 * protocol is nested in it), sorted by name: a new message is registered by being declared where
 * its actor's protocol lives.
 */
public final class WireClasses {
    /** The config key listing the classes whose nested records are wire messages. */
    public static final String PROTOCOLS_KEY = "iovasim.wire.protocols";
    static final int FIRST_ID = 100;
    private static final String ACTOR_REF_ADAPTER = "akka.actor.typed.internal.adapter.ActorRefAdapter";
    private static final List<Class<?>> EXTRA = List.of(long[].class, int[].class, byte[].class, byte[][].class,
            String.class, String[].class, Long.class, Integer.class, Boolean.class, akka.actor.typed.ActorRef[].class);

    private WireClasses() {
    }

    /** The registration list for the named protocol-owning classes. */
    static List<Class<?>> of(List<String> protocolOwners) {
        List<Class<?>> out = new ArrayList<>(EXTRA);
        List<String> owners = new ArrayList<>(protocolOwners);
        owners.sort(Comparator.naturalOrder());
        for (String name : owners) {
            List<Class<?>> records = Arrays.stream(load(name).getDeclaredClasses()).filter(Class::isRecord)
                    .sorted(Comparator.comparing(Class::getName)).toList();
            out.addAll(records);
            // arrays of a protocol's records travel too (a node's CPU reports in one message)
            for (Class<?> c : records) out.add(c.arrayType());
        }
        return out;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(PROTOCOLS_KEY + ": no such class " + name, e);
        }
    }

    static Class<?> actorRefClass() {
        try {
            return Class.forName(ACTOR_REF_ADAPTER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Akka's typed ActorRef adapter class is missing: " + ACTOR_REF_ADAPTER, e);
        }
    }
}
