package dev.iovasim.actors;

/**
 * Marks the messages of a flush's fan-out and gather. The serializer counts their bytes apart
 * from all other traffic, so a flush in a free-running cluster run costs what its own messages
 * cost, not whatever else crossed the tree node while it was out.
 */
public interface FanOutMessage {
}
