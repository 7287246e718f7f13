package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenCase;
import dev.ratings.testsupport.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology in a {@link TopologyTestDriver} with its topics, for the topology tests. */
final class TopologyHarness implements AutoCloseable {

    static final String APPLICATION_ID = "topology-test";
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a window start

    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);
    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);

    final CountingMetrics metrics = new CountingMetrics();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> ratings;
    final TestOutputTopic<String, WindowResult> windows;
    final TestOutputTopic<String, WindowResult> scores;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyHarness(
            TopologySettings settings,
            StreamTimeObserver observer,
            ScorePublication publication,
            Path stateDir,
            Properties overrides) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(overrides);
        // The wall clock a day after the windows: none closes live, so no stage asks for a commit
        // per window, which the driver would honour by flushing every store each time (slow).
        driver = new TopologyTestDriver(
                RatingsTopology.build(settings, metrics, observer, publication),
                config,
                Instant.ofEpochMilli(T0).plus(Duration.ofDays(1)));
        ratings = driver.createInputTopic(Topics.RATINGS, new ByteArraySerializer(), new ByteArraySerializer());
        windows = driver.createOutputTopic(Topics.POST_RATING_WINDOWS, new StringDeserializer(), RESULTS);
        scores = driver.createOutputTopic(Topics.POST_SCORES, new StringDeserializer(), RESULTS);
        deadLetters = driver.createOutputTopic(
                Topics.deadLetter(Topics.RATINGS), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    TopologyHarness(TopologySettings settings, Path stateDir) {
        this(settings, StreamTimeObserver.NONE, ScorePublication.publishing(), stateDir, new Properties());
    }

    /** Publishes a new rating event (a new id) and returns it. */
    RatingEvent rate(long postId, String userId, int rating, long timestamp) {
        RatingEvent event = new RatingEvent(UUID.randomUUID(), postId, userId, rating, timestamp);
        publish(event);
        return event;
    }

    /** Publishes {@code event} as the ingest API does: keyed by post, timestamped with its acceptedAt. */
    void publish(RatingEvent event) {
        ratings.pipeInput(
                new TestRecord<>(key(event.postId()), EVENTS.serialize(null, event), null, event.acceptedAt()));
    }

    /**
     * Publishes a golden case's events as a client's retries would repeat them: each event twice in a
     * row, and once more {@code lag} events later (late if a window closed in between). Returns how
     * many repeats were published.
     */
    int publishWithRepeats(List<GoldenCase.Event> events, int lag) {
        List<RatingEvent> published = new ArrayList<>();
        int repeats = 0;
        for (GoldenCase.Event golden : events) {
            RatingEvent event =
                    new RatingEvent(UUID.randomUUID(), golden.postId(), golden.userId(), golden.rating(), golden.ts());
            publish(event);
            publish(event);
            published.add(event);
            repeats++;
            if (published.size() > lag) {
                publish(published.get(published.size() - 1 - lag));
                repeats++;
            }
        }
        return repeats;
    }

    void heartbeat(long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        Heartbeat.mark(headers);
        ratings.pipeInput(new TestRecord<>(null, new byte[0], headers, timestamp));
    }

    /** decay-v2's repartition topic by user, to play the stage before it from several partitions. */
    TestInputTopic<String, Windowed> byUser() {
        return driver.createInputTopic(
                APPLICATION_ID + "-" + RatingsTopology.BY_USER + "-repartition",
                new StringSerializer(),
                WindowedCodec.FULL.serializer());
    }

    /** As the topology writes them, the results conform to the published JSON Schema. */
    static void assertConformToTheSchema(List<WindowResult> results) {
        assertThat(results)
                .allSatisfy(result -> assertThat(
                                ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, RESULTS.write(result)))
                        .isEmpty());
    }

    static byte[] key(long postId) {
        return Long.toString(postId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }

    static final class CountingMetrics implements WindowMetrics {
        final AtomicInteger lateRatings = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final AtomicInteger windowsClosed = new AtomicInteger();
        final AtomicInteger ratingsRead = new AtomicInteger();
        final AtomicInteger alreadyApplied = new AtomicInteger();

        @Override
        public void ratingRead() {
            ratingsRead.incrementAndGet();
        }

        @Override
        public void lateRating(long lateByMs) {
            lateRatings.incrementAndGet();
        }

        @Override
        public void duplicateRating() {
            duplicates.incrementAndGet();
        }

        @Override
        public void deadLettered() {
            deadLettered.incrementAndGet();
        }

        @Override
        public void windowClosed(long windowEndMs) {
            windowsClosed.incrementAndGet();
        }

        @Override
        public void alreadyApplied() {
            alreadyApplied.incrementAndGet();
        }

        @Override
        public void inputGap(long records) {}
    }
}
