package slipstream.server.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe map that drops its least recently used entry beyond a capacity: for values derived from
 * immutable, content-addressed inputs (a spec by its id), which never go stale, only out of use.
 */
public final class LruCache {
    private LruCache() {}

    public static <K, V> Map<K, V> of(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
