package dev.ratings.stream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void eachGenerationHasAWriteBufferBudgetOfItsOwnForAsLongAsAnyOfItsStoresIsOpen() {
        int before = BoundedRocksDbMemory.generationsWithBudget();
        Store liveCounts = Store.open("test-live", "window-event-counts");
        Store liveRatings = Store.open("test-live", "window-latest-ratings");
        Store replayCounts = Store.open("test-replay", "window-event-counts");

        assertThat(BoundedRocksDbMemory.generationsWithBudget()).isEqualTo(before + 2);
        assertThat(BoundedRocksDbMemory.writeBufferManagerOf("test-live"))
                .isNotNull()
                .isNotSameAs(BoundedRocksDbMemory.writeBufferManagerOf("test-replay"));

        liveCounts.close();
        assertThat(BoundedRocksDbMemory.writeBufferManagerOf("test-live")).isNotNull();
        liveRatings.close();
        assertThat(BoundedRocksDbMemory.writeBufferManagerOf("test-live")).isNull();
        assertThat(BoundedRocksDbMemory.writeBufferManagerOf("test-replay")).isNotNull();
        replayCounts.close();
        assertThat(BoundedRocksDbMemory.generationsWithBudget()).isEqualTo(before);
    }

    @Test
    void indexAndFilterBlocksLiveInTheCacheWithHighPriority() {
        Store store = Store.open("test-cache", "latest-results");
        try {
            BlockBasedTableConfig table = (BlockBasedTableConfig) store.options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
        } finally {
            store.close();
        }
    }

    /** What Kafka Streams does for each RocksDB store: a setter of its own, given the app's config. */
    private record Store(BoundedRocksDbMemory setter, Options options, String name) {

        static Store open(String applicationId, String name) {
            BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
            Options options = new Options();
            options.setTableFormatConfig(new BlockBasedTableConfig());
            setter.setConfig(
                    name,
                    options,
                    Map.of(
                            StreamsConfig.APPLICATION_ID_CONFIG,
                            applicationId,
                            BoundedRocksDbMemory.MEMORY_BYTES,
                            64L * 1024 * 1024,
                            BoundedRocksDbMemory.WRITE_BUFFER_RATIO,
                            0.25));
            return new Store(setter, options, name);
        }

        void close() {
            setter.close(name, options);
            options.close();
        }
    }
}
