package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.stream.windows.StoreCodecs.WindowPost;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixDrainTest {

    private static final long WINDOW = 300_000;
    private static final LongSerializer WINDOW_PREFIX = new LongSerializer();

    private KeyValueStore<WindowPost, Long> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("event-counts"), StoreCodecs.WINDOW_POST, Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        for (long post = 1; post <= 10; post++) {
            store.put(new WindowPost(WINDOW, post), post * 10);
        }
        store.put(new WindowPost(0, 99), 1L);
        store.put(new WindowPost(2 * WINDOW, 99), 1L);
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 3, 10, 11, 10_000})
    void handsOverEveryEntryOfThePrefixOnceInKeyOrderWhateverTheChunkSize(int chunkSize) {
        List<KeyValue<WindowPost, Long>> handled = new ArrayList<>();

        PrefixDrain.drain(store, WINDOW, WINDOW_PREFIX, chunkSize, entry -> {
            handled.add(entry);
            store.put(entry.key, null);
        });

        assertThat(handled)
                .extracting(entry -> entry.key.postId())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(handled).allSatisfy(entry -> assertThat(entry.value).isEqualTo(entry.key.postId() * 10));
        assertThat(remaining()).containsExactly(new WindowPost(0, 99), new WindowPost(2 * WINDOW, 99));
    }

    private List<WindowPost> remaining() {
        List<WindowPost> keys = new ArrayList<>();
        try (KeyValueIterator<WindowPost, Long> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
