package dev.ratings.stream.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hands over and removes a store's entries under a prefix, reading a bounded chunk before handling
 * it. Closing a window writes to the stores it iterates, and an iterator over a cached store may
 * return stale entries when the store is written during the iteration (KAFKA-15302): a post's
 * window could be closed twice. A new scan per chunk sees the removals.
 */
final class PrefixDrain {

    static final int CHUNK = 10_000;

    private PrefixDrain() {}

    /** {@code handleAndRemove} must remove the entry it is given, or the drain never ends. */
    static <K, V, P> void drain(
            KeyValueStore<K, V> store,
            P prefix,
            Serializer<P> prefixSerializer,
            Consumer<KeyValue<K, V>> handleAndRemove) {
        drain(store, prefix, prefixSerializer, CHUNK, handleAndRemove);
    }

    static <K, V, P> void drain(
            KeyValueStore<K, V> store,
            P prefix,
            Serializer<P> prefixSerializer,
            int chunkSize,
            Consumer<KeyValue<K, V>> handleAndRemove) {
        List<KeyValue<K, V>> chunk = new ArrayList<>(Math.min(chunkSize, 1_024));
        do {
            chunk.clear();
            try (KeyValueIterator<K, V> scan = store.prefixScan(prefix, prefixSerializer)) {
                while (chunk.size() < chunkSize && scan.hasNext()) {
                    chunk.add(scan.next());
                }
            }
            chunk.forEach(handleAndRemove);
        } while (chunk.size() == chunkSize);
    }
}
