package dev.ratings.stream.windows;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.DecayV2;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The whole stream processor, top to bottom. decay-v1:
 *
 * <pre>
 * ratings ─▶ applied-offsets ─▶ parse-ratings ─┬─▶ ratings.DLT           (unreadable records)
 *            (skips records                    └─▶ assign-windows ─┬─▶ decay-windows ─┬─▶ post-rating-windows
 *             applied before)                                      │   (4 stores)     └─▶ post-scores (compacted;
 *                                                                  └─▶ score-snapshot ───▶    current generation only)
 *                                                                      (once, when current)
 * </pre>
 *
 * decay-v2 puts a stage keyed by user between the two, which gives every rating its trust from its
 * rater's history across posts; watermarks go along to every partition of each next stage:
 *
 * <pre>
 * ratings ─▶ applied-offsets ─▶ parse-ratings ─┬─▶ ratings.DLT
 *                                              └─▶ assign-windows ─▶ [ratings-by-user] ─▶ trust ─▶ [trusted-ratings-by-post] ─▶ decay-windows ─┬─▶ post-rating-windows
 *                                                  (watermarks ──▶ all partitions)       (4 stores)  (watermarks ──▶ all partitions)  (5 stores)  └─▶ post-scores
 * </pre>
 *
 * (decay-v2's score-snapshot hangs off the last repartition topic, beside decay-windows, whose
 * {@code latest-results} store it reads.)
 */
public final class RatingsTopology {

    public static final String SOURCE = "ratings-source";
    public static final String APPLIED = "applied-offsets";
    public static final String PARSE = "parse-ratings";
    public static final String DEAD_LETTERS = "ratings-dead-letters";
    public static final String ASSIGN_WINDOWS = "assign-windows";
    public static final String BY_USER = "ratings-by-user";
    public static final String TRUST = "trust";
    public static final String BY_POST = "trusted-ratings-by-post";
    public static final String DECAY_WINDOWS = "decay-windows";
    public static final String WINDOW_RESULTS = "post-rating-windows-sink";
    public static final String SCORES = "post-scores-sink";
    public static final String SNAPSHOT = "score-snapshot";
    public static final String SNAPSHOT_SCORES = "post-scores-snapshot-sink";

    private RatingsTopology() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Topology build(
            TopologySettings settings,
            WindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication) {
        boolean trust = settings.parameters().algorithm() == ScoreAlgorithm.DECAY_V2;
        WindowGrid grid = new WindowGrid(settings);
        StreamsBuilder builder = new StreamsBuilder();

        // The parser forwards by child name: good records to assign-windows, the rest to the DLT.
        KStream parsed = builder.stream(
                        Topics.RATINGS,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .process(
                        () -> new AppliedOffsets(metrics),
                        Named.as(APPLIED),
                        stores(builder, List.of(StateStores.appliedOffsets())))
                .process(() -> new RatingRecordParser(ASSIGN_WINDOWS, DEAD_LETTERS, metrics), Named.as(PARSE));
        parsed.to(
                Topics.deadLetter(Topics.RATINGS),
                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DEAD_LETTERS));

        KStream<Long, Windowed> windowed;
        if (trust) {
            KStream<String, Windowed> byUser = parsed.process(
                            () -> WindowAssigner.toUsers(grid, settings.partitions(), metrics, observer),
                            Named.as(ASSIGN_WINDOWS))
                    .repartition(repartition(BY_USER, Serdes.String(), WindowedCodec.BY_USER, settings));
            windowed = byUser.process(
                            () -> new TrustStage(grid, new DecayV2(settings.parameters()), settings.partitions()),
                            Named.as(TRUST),
                            stores(builder, StateStores.trust()))
                    .repartition(repartition(BY_POST, Serdes.Long(), WindowedCodec.BY_POST, settings));
        } else {
            windowed = parsed.process(() -> WindowAssigner.local(grid, metrics), Named.as(ASSIGN_WINDOWS));
        }

        KStream<String, WindowResult> results = windowed.process(
                () -> new DecayWindowProcessor(settings, trust, metrics, observer, publication, WINDOW_RESULTS),
                Named.as(DECAY_WINDOWS),
                stores(builder, StateStores.decay(trust)));
        JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);
        results.to(
                Topics.POST_RATING_WINDOWS, Produced.with(Serdes.String(), json).withName(WINDOW_RESULTS));
        results.to(Topics.POST_SCORES, Produced.with(Serdes.String(), json).withName(SCORES));
        // beside decay-windows, in the same task: it reads the latest results that stage keeps
        builder.addStateStore(StateStores.scoreSnapshots());
        windowed.process(
                        () -> new ScoreSnapshot<>(publication),
                        Named.as(SNAPSHOT),
                        StateStores.SCORE_SNAPSHOTS,
                        StateStores.LATEST_RESULTS)
                .to(Topics.POST_SCORES, Produced.with(Serdes.String(), json).withName(SNAPSHOT_SCORES));
        return builder.build();
    }

    /** A repartition topic with as many partitions as {@code ratings}, watermarks multicast. */
    private static <K> Repartitioned<K, Windowed> repartition(
            String name, Serde<K> keys, Serde<Windowed> values, TopologySettings settings) {
        return Repartitioned.<K, Windowed>as(name)
                .withKeySerde(keys)
                .withValueSerde(values)
                .withNumberOfPartitions(settings.partitions())
                .withStreamPartitioner(new Multicast<>());
    }

    private static String[] stores(StreamsBuilder builder, List<StoreBuilder<? extends KeyValueStore<?, ?>>> stores) {
        stores.forEach(builder::addStateStore);
        return StateStores.names(stores).toArray(String[]::new);
    }
}
