package slipstream.server.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A bounded, thread-safe cache that drops its least recently used entry beyond a capacity: for values derived from
 * immutable, content-addressed or append-only rows (a spec by its id), which never go stale, only out of use.
 */
public final class LruCache<K, V> {
    private final Map<K, V> entries;

    public LruCache(int capacity) {
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The kept value, else {@code read}'s, kept when present: an absent one is read again next time. */
    public Optional<V> getOrRead(K key, Function<K, Optional<V>> read) {
        V kept = entries.get(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<V> value = read.apply(key);
        value.ifPresent(v -> entries.put(key, v));
        return value;
    }

    /** The kept value, else {@code compute}'s (computed under the cache's lock, so once per key). */
    public V computeIfAbsent(K key, Function<K, V> compute) {
        return entries.computeIfAbsent(key, compute);
    }
}
