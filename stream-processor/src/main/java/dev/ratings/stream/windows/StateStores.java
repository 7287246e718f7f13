package dev.ratings.stream.windows;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.WindowResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The state store names (also the names of their changelog topics) and how each is built. */
public final class StateStores {

    /** (window, post) → number of rating events, re-ratings included: N_t of open windows (decay-v2: per pool). */
    public static final String WINDOW_EVENT_COUNTS = "window-event-counts";

    /**
     * (window, post, user) → the user's latest rating in that open window (decay-v2: with its trust),
     * and the ids of their ratings in it, to drop a repeated event.
     */
    public static final String WINDOW_LATEST_RATINGS = "window-latest-ratings";

    /**
     * (post, user) → the user's current rating and its weight, from closed windows (decay-v2: and
     * pool), and the ids of their latest ratings there, to drop an event repeated late.
     */
    public static final String CURRENT_RATINGS = "current-ratings";

    /** post → the result of its last closed active window: what it carries into the next one. */
    public static final String LATEST_RESULTS = "latest-results";

    /** partition → offset of the last {@code ratings} record applied (see {@link AppliedOffsets}). */
    public static final String APPLIED_OFFSETS = "applied-offsets";

    /** "done" → when this task wrote its {@code post-scores} snapshot (see {@link ScoreSnapshot}). */
    public static final String SCORE_SNAPSHOTS = "score-snapshots";

    /** decay-v2, decay stage: user-stage partition → the stream time its watermarks have reached. */
    public static final String DECAY_WATERMARKS = "decay-watermarks";

    /** decay-v2, user stage: user → first window and first D + 1 posts rated, from complete windows. */
    public static final String RATER_HISTORIES = "rater-histories";

    /** decay-v2, user stage: (window, arrival) → a rating waiting for its rater's history to be complete. */
    public static final String TRUST_HELD_RATINGS = "trust-held-ratings";

    /**
     * decay-v2, user stage: (window, user) → the posts the user rated there that can still change
     * their history (at most D + 1, the lowest ids), to fold once the window is complete.
     */
    public static final String TRUST_WINDOW_POSTS = "trust-window-posts";

    /** decay-v2, user stage: partition of {@code ratings} → the stream time its watermarks have reached. */
    public static final String TRUST_WATERMARKS = "trust-watermarks";

    private StateStores() {}

    /** The decay stage's stores; decay-v2's also remembers the user stage's watermarks. */
    static List<StoreBuilder<? extends KeyValueStore<?, ?>>> decay(boolean watermarked) {
        List<StoreBuilder<? extends KeyValueStore<?, ?>>> stores = new ArrayList<>(List.of(
                cached(store(WINDOW_EVENT_COUNTS, StoreCodecs.WINDOW_POST, StoreCodecs.EVENT_COUNTS)),
                store(WINDOW_LATEST_RATINGS, StoreCodecs.WINDOW_RATER, StoreCodecs.LATEST_RATING),
                store(CURRENT_RATINGS, StoreCodecs.POST_RATER, StoreCodecs.COUNTED_RATING),
                cached(store(LATEST_RESULTS, Serdes.Long(), JsonSerde.of(WindowResult.class)))));
        if (watermarked) {
            stores.add(store(DECAY_WATERMARKS, Serdes.Integer(), Serdes.Long()));
        }
        return stores;
    }

    /** One key per task, written at every record: the cache turns that into one write per commit. */
    static StoreBuilder<KeyValueStore<Integer, Long>> appliedOffsets() {
        return cached(store(APPLIED_OFFSETS, Serdes.Integer(), Serdes.Long()));
    }

    static StoreBuilder<KeyValueStore<String, Long>> scoreSnapshots() {
        return store(SCORE_SNAPSHOTS, Serdes.String(), Serdes.Long());
    }

    /**
     * decay-v2's user stage. Histories are read at every rating and written once per user and
     * window, so a cache in front of them saves reads of users who rate several posts.
     */
    static List<StoreBuilder<? extends KeyValueStore<?, ?>>> trust() {
        return List.of(
                cached(store(RATER_HISTORIES, Serdes.String(), StoreCodecs.RATER_HISTORY)),
                store(TRUST_HELD_RATINGS, StoreCodecs.WINDOW_ARRIVAL, WindowedCodec.FULL),
                store(TRUST_WINDOW_POSTS, StoreCodecs.WINDOW_USER, StoreCodecs.POSTS),
                store(TRUST_WATERMARKS, Serdes.Integer(), Serdes.Long()));
    }

    static List<String> names(List<StoreBuilder<? extends KeyValueStore<?, ?>>> stores) {
        return stores.stream().map(StoreBuilder::name).toList();
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /**
     * The record cache only for the stores keyed by post (and user histories): a post's count is
     * written at each of its ratings, and there are few such keys. A rater's keys are written once per
     * window, so a cache in front of them only adds work (and evictions) before the RocksDB and
     * changelog writes they need anyway: 2 of 3 writes per rating went through it, 53 % more
     * ratings/s without.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(StoreBuilder<KeyValueStore<K, V>> store) {
        return store.withCachingEnabled();
    }
}
