package dev.ratings.stream.streams;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store in the process together, the way the Kafka Streams
 * memory guide does it: one LRU block cache holds data, index and filter blocks of all stores, and
 * memtables are charged to that same cache. By default each store would have its own 50 MB cache
 * and up to three 16 MB memtables: with six stores per task, a task per partition and a replay
 * running beside the live generation, that is gigabytes off the heap, which no {@code -Xmx} limits.
 *
 * <p>Each generation (Kafka Streams application) gets a write buffer manager of its own, charged to
 * the shared cache. RocksDB frees a full budget only by flushing the store being written to: with
 * one budget for the process, the idle live generation kept the memtables its catch-up had filled,
 * and every write of a replay beside it flushed a nearly empty memtable, which kept RocksDB's flush
 * and compaction threads busy (0.6 of the two cores) and halved the replay's speed (BENCHMARKS.md).
 *
 * <p>Kafka Streams creates the setter by class name, one per store, so the size travels in the
 * streams config ({@link #MEMORY_BYTES}, {@link #WRITE_BUFFER_RATIO}); the cache is made once per
 * process, with the first size seen, and never closed (it outlives every store); a generation's
 * write buffer manager lives while any of its stores is open.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final String MEMORY_BYTES = "ratings.rocksdb.memory.bytes";
    static final String WRITE_BUFFER_RATIO = "ratings.rocksdb.write.buffer.ratio";

    /** Index and filter blocks go to the cache's high-priority pool so that data blocks do not evict them. */
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    private static Cache cache;
    private static final Map<String, Budget> budgets = new HashMap<>();

    /** The generation this store belongs to. */
    private String applicationId;

    private static final class Budget {
        final WriteBufferManager manager;
        int openStores;

        Budget(WriteBufferManager manager) {
            this.manager = manager;
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long memoryBytes = Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES)));
        double writeBufferRatio = Double.parseDouble(String.valueOf(configs.get(WRITE_BUFFER_RATIO)));
        applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(memoryBytes));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(acquire(applicationId, (long) (memoryBytes * writeBufferRatio)));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The options of a closing store hold their own reference to the native manager, so it
        // lives until RocksDB is done with it.
        release(applicationId);
    }

    /** How many generations have a write buffer manager now (tests). */
    static synchronized int generationsWithBudget() {
        return budgets.size();
    }

    /** The write buffer manager a generation's stores share (tests). */
    static synchronized WriteBufferManager writeBufferManagerOf(String applicationId) {
        Budget budget = budgets.get(applicationId);
        return budget == null ? null : budget.manager;
    }

    private static synchronized Cache sharedCache(long memoryBytes) {
        if (cache == null) {
            cache = new LRUCache(memoryBytes, -1, false, INDEX_FILTER_BLOCK_RATIO);
        }
        return cache;
    }

    private static synchronized WriteBufferManager acquire(String applicationId, long bufferBytes) {
        Budget budget =
                budgets.computeIfAbsent(applicationId, id -> new Budget(new WriteBufferManager(bufferBytes, cache)));
        budget.openStores++;
        return budget.manager;
    }

    private static synchronized void release(String applicationId) {
        Budget budget = budgets.get(applicationId);
        if (budget != null && --budget.openStores == 0) {
            budgets.remove(applicationId);
            budget.manager.close();
        }
    }
}
