package dev.ratings.stream.windows;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.WindowResult;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The state store names (also the names of their changelog topics) and how each is built. */
public final class StateStores {

    /** (window, post) → number of rating events, re-ratings included: N_t of open windows. */
    public static final String WINDOW_EVENT_COUNTS = "window-event-counts";

    /** (window, post, user) → the user's latest rating in that open window. */
    public static final String WINDOW_LATEST_RATINGS = "window-latest-ratings";

    /** (post, user) → the user's current rating and its burst weight, from closed windows. */
    public static final String CURRENT_RATINGS = "current-ratings";

    /** post → the result of its last closed active window: what it carries into the next one. */
    public static final String LATEST_RESULTS = "latest-results";

    /** partition → offset of the last {@code ratings} record applied (see {@link AppliedOffsets}). */
    public static final String APPLIED_OFFSETS = "applied-offsets";

    /** "done" → when this task wrote its {@code post-scores} snapshot (see {@link ScoreSnapshot}). */
    public static final String SCORE_SNAPSHOTS = "score-snapshots";

    private StateStores() {}

    static List<StoreBuilder<? extends KeyValueStore<?, ?>>> all() {
        return List.of(
                cached(store(WINDOW_EVENT_COUNTS, StoreCodecs.WINDOW_POST, Serdes.Long())),
                store(WINDOW_LATEST_RATINGS, StoreCodecs.WINDOW_RATER, Serdes.Integer()),
                store(CURRENT_RATINGS, StoreCodecs.POST_RATER, StoreCodecs.RATER_STATE),
                cached(store(LATEST_RESULTS, Serdes.Long(), JsonSerde.of(WindowResult.class))));
    }

    /** One key per task, written at every record: the cache turns that into one write per commit. */
    static StoreBuilder<KeyValueStore<Integer, Long>> appliedOffsets() {
        return cached(store(APPLIED_OFFSETS, Serdes.Integer(), Serdes.Long()));
    }

    static StoreBuilder<KeyValueStore<String, Long>> scoreSnapshots() {
        return store(SCORE_SNAPSHOTS, Serdes.String(), Serdes.Long());
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(
            String name,
            org.apache.kafka.common.serialization.Serde<K> keys,
            org.apache.kafka.common.serialization.Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /**
     * The record cache only for the stores keyed by post: a post's count is written at each of its
     * ratings, and there are few such keys. A rater's keys are written once per window, so a cache
     * in front of them only adds work (and evictions) before the RocksDB and changelog writes they
     * need anyway: 2 of 3 writes per rating went through it, 53 % more ratings/s without.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(StoreBuilder<KeyValueStore<K, V>> store) {
        return store.withCachingEnabled();
    }
}
