package dev.ratings.stream.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store in the process together, the way the Kafka Streams
 * memory guide does it: one LRU block cache holds data, index and filter blocks of all stores, and
 * one write buffer manager charges all memtables to that same cache. By default each store would
 * have its own 50 MB cache and up to three 16 MB memtables: with four stores per task, a task per
 * partition and a replay running beside the live generation, that is gigabytes off the heap, which
 * no {@code -Xmx} limits.
 *
 * <p>Kafka Streams creates the setter by class name, so the size travels in the streams config
 * ({@link #MEMORY_BYTES}, {@link #WRITE_BUFFER_RATIO}); the cache is made once per process, with
 * the first size seen, and never closed (it outlives every store).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final String MEMORY_BYTES = "ratings.rocksdb.memory.bytes";
    static final String WRITE_BUFFER_RATIO = "ratings.rocksdb.write.buffer.ratio";

    /** Index and filter blocks go to the cache's high-priority pool so that data blocks do not evict them. */
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(
                Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES))),
                Double.parseDouble(String.valueOf(configs.get(WRITE_BUFFER_RATIO))));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }

    private static synchronized void ensureShared(long memoryBytes, double writeBufferRatio) {
        if (cache == null) {
            cache = new LRUCache(memoryBytes, -1, false, INDEX_FILTER_BLOCK_RATIO);
            writeBufferManager = new WriteBufferManager((long) (memoryBytes * writeBufferRatio), cache);
        }
    }
}
