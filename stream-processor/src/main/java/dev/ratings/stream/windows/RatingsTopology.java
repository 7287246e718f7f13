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
 * ratings ─▶ parse-ratings ─┬─▶ ratings.DLT                    (unreadable records)
 *                           └─▶ decay-windows ─┬─▶ post-rating-windows
 *                               (4 stores)     └─▶ post-scores (compacted; current generation only)
 * </pre>
 */
public final class RatingsTopology {

    public static final String SOURCE = "ratings-source";
    public static final String PARSE = "parse-ratings";
    public static final String DEAD_LETTERS = "ratings-dead-letters";
    public static final String DECAY_WINDOWS = "decay-windows";
    public static final String WINDOW_RESULTS = "post-rating-windows-sink";
    public static final String SCORES = "post-scores-sink";

    private RatingsTopology() {}

    public static Topology build(
            TopologySettings settings,
            WindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication) {
        JsonSerde<WindowResult> results = JsonSerde.of(WindowResult.class);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.RATINGS);
        topology.addProcessor(PARSE, () -> new RatingRecordParser(DECAY_WINDOWS, DEAD_LETTERS, metrics), SOURCE);
        topology.addSink(
                DEAD_LETTERS,
                Topics.deadLetter(Topics.RATINGS),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                PARSE);
        topology.addProcessor(
                DECAY_WINDOWS,
                () -> new DecayWindowProcessor(settings, metrics, observer, publication, WINDOW_RESULTS, SCORES),
                PARSE);
        for (StoreBuilder<?> store : StateStores.all()) {
            topology.addStateStore(store, DECAY_WINDOWS);
        }
        topology.addSink(WINDOW_RESULTS, Topics.POST_RATING_WINDOWS, new StringSerializer(), results, DECAY_WINDOWS);
        topology.addSink(SCORES, Topics.POST_SCORES, new StringSerializer(), results, DECAY_WINDOWS);
        return topology;
    }
}
