package dev.iovasim.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map that drops its least recently used entry when full; safe for several threads. */
final class RecentlyUsed {
    private RecentlyUsed() {
    }

    static <K, V> Map<K, V> map(int limit) {
        return Collections.synchronizedMap(new LinkedHashMap<>(limit * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > limit;
            }
        });
    }
}
