package dev.ratings.stream.windows;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The whole stream processor, top to bottom:
 *
 * <pre>
 * ratings ─▶ applied-offsets ─▶ parse-ratings ─┬─▶ ratings.DLT           (unreadable records)
 *            (skips records                    ├─▶ decay-windows ─┬─▶ post-rating-windows
 *             applied before)                  │   (4 stores)     └─▶ post-scores (compacted;
 *                                              └─▶ score-snapshot ───▶     current generation only)
 *                                                  (once, when current)
 * </pre>
 */
public final class RatingsTopology {

    public static final String SOURCE = "ratings-source";
    public static final String APPLIED = "applied-offsets";
    public static final String PARSE = "parse-ratings";
    public static final String DEAD_LETTERS = "ratings-dead-letters";
    public static final String DECAY_WINDOWS = "decay-windows";
    public static final String WINDOW_RESULTS = "post-rating-windows-sink";
    public static final String SCORES = "post-scores-sink";
    public static final String SNAPSHOT = "score-snapshot";

    private RatingsTopology() {}

    public static Topology build(
            TopologySettings settings,
            WindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication) {
        JsonSerde<WindowResult> results = JsonSerde.of(WindowResult.class);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.RATINGS);
        topology.addProcessor(APPLIED, () -> new AppliedOffsets(metrics), SOURCE);
        topology.addStateStore(StateStores.appliedOffsets(), APPLIED);
        topology.addProcessor(PARSE, () -> new RatingRecordParser(DECAY_WINDOWS, DEAD_LETTERS, metrics), APPLIED);
        topology.addSink(
                DEAD_LETTERS,
                Topics.deadLetter(Topics.RATINGS),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                PARSE);
        topology.addProcessor(
                DECAY_WINDOWS,
                () -> new DecayWindowProcessor(settings, metrics, observer, publication, WINDOW_RESULTS),
                PARSE);
        for (StoreBuilder<?> store : StateStores.all()) {
            topology.addStateStore(store, DECAY_WINDOWS);
        }
        topology.addProcessor(SNAPSHOT, () -> new ScoreSnapshot(publication), PARSE);
        topology.addStateStore(StateStores.scoreSnapshots(), SNAPSHOT);
        topology.connectProcessorAndStateStores(SNAPSHOT, StateStores.LATEST_RESULTS);
        topology.addSink(WINDOW_RESULTS, Topics.POST_RATING_WINDOWS, new StringSerializer(), results, DECAY_WINDOWS);
        topology.addSink(SCORES, Topics.POST_SCORES, new StringSerializer(), results, DECAY_WINDOWS, SNAPSHOT);
        return topology;
    }
}
