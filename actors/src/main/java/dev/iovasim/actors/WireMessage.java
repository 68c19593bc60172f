package dev.iovasim.actors;

/**
 * Marks every message that may cross a JVM: the cluster configuration binds this one interface
 * to the Kryo serializer, so a message is on the wire's list by implementing it (and by being a
 * record nested in a protocol-owning class, which gives it its registration id).
 */
public interface WireMessage {
}
