package dev.iovasim.allocator;

/** Told about every flush as it completes. */
@FunctionalInterface
public interface FlushListener {
    FlushListener NONE = r -> { };

    void onFlush(FlushRecord record);
}
