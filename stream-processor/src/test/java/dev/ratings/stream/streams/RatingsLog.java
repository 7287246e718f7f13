package dev.ratings.stream.streams;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.CommittedRecords;
import dev.ratings.stream.RatingsProperties;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.StreamTimeObserver;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A fixed history of ratings on a real (in-JVM) broker and the Kafka Streams applications that
 * score it, without Spring: for the tests that stop, move and restart instances mid-stream. Every
 * rating has a timestamp of its own in the past, so the windows they fall in never depend on when
 * the test runs; a last heartbeat per partition closes every window.
 */
final class RatingsLog implements AutoCloseable {

    static final int PARTITIONS = 2;
    static final ScoreParameters PARAMETERS =
            new ScoreParameters(ScoreAlgorithm.DECAY_V1, 10_000, 0.5, 2.5, 0, 3, 10, 0.2, null);
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a window start
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);
    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);

    /** One rating of the history: which partition it goes to follows from its post. */
    record Rating(long postId, String userId, int rating, long timestamp) {}

    private final EmbeddedKafkaKraftBroker broker;
    private final KafkaProducer<String, byte[]> producer;

    RatingsLog() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        new TopicBootstrap(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                        TopicDefinitions.all(PARTITIONS),
                        30_000)
                .run();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new ByteArraySerializer());
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /**
     * Ratings of 8 posts by 12 users over {@code windows} windows, some windows silent for a post,
     * some users rating again; the same for every seed.
     */
    static List<Rating> history(int windows, long seed) {
        Random random = new Random(seed);
        List<Rating> ratings = new ArrayList<>();
        for (int window = 0; window < windows; window++) {
            long start = T0 + window * PARAMETERS.windowSizeMs();
            for (int i = 0; i < 40; i++) {
                long post = 1 + random.nextInt(8);
                if ((post + window) % 5 == 0) {
                    continue; // a silent window for this post
                }
                long at = start + (long) i * (PARAMETERS.windowSizeMs() / 40);
                ratings.add(new Rating(post, "user-" + random.nextInt(12), random.nextInt(6), at));
            }
        }
        return ratings;
    }

    /** Produces ratings in order, keyed by post as the ingest API does. */
    void produce(List<Rating> ratings) {
        for (Rating rating : ratings) {
            RatingEvent event = new RatingEvent(
                    UUID.randomUUID(), rating.postId(), rating.userId(), rating.rating(), rating.timestamp());
            producer.send(new ProducerRecord<>(
                    Topics.RATINGS,
                    null,
                    rating.timestamp(),
                    Long.toString(rating.postId()),
                    EVENTS.serialize(null, event)));
        }
        producer.flush();
    }

    /** A heartbeat on every partition after the last rating: every window closes. */
    void closeEveryWindow(List<Rating> ratings) {
        long last = ratings.stream().mapToLong(Rating::timestamp).max().orElse(T0);
        long at = last + 2 * PARAMETERS.windowSizeMs() + GRACE.toMillis();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            RecordHeaders headers = new RecordHeaders();
            Heartbeat.mark(headers);
            producer.send(new ProducerRecord<>(Topics.RATINGS, partition, at, null, new byte[0], headers));
        }
        producer.flush();
    }

    /** Every committed result of one generation so far, in the order read. */
    List<WindowResult> results(long generation) {
        return CommittedRecords.values(broker.getBrokersAsString(), Topics.POST_RATING_WINDOWS, RESULTS).stream()
                .filter(result -> result.generation() == generation)
                .toList();
    }

    /** A result as a run of another generation would give it: the generation number aside. */
    static WindowResult asGeneration(WindowResult result, long generation) {
        return new WindowResult(
                result.postId(),
                result.window(),
                result.counts(),
                result.state(),
                result.pools(),
                result.parameters(),
                generation);
    }

    /**
     * An instance of one generation's application, configured as the service configures it, with
     * its own state directory.
     */
    ScoreStreams instance(long generation, Path stateDir, int standbyReplicas, MeterRegistry registry) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.getBrokersAsString()));
        Map<String, String> settings = new HashMap<>();
        settings.put("ratings.streams.state-dir", stateDir.toString());
        settings.put("ratings.streams.standby-replicas", Integer.toString(standbyReplicas));
        settings.put("ratings.streams.rocksdb.memory", "32MB");
        RatingsProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ratings", RatingsProperties.class);
        StreamsConfigFactory configs = new StreamsConfigFactory(
                kafka, properties.streams(), properties.kafka().replicationFactor());
        ScoreStreams streams = new ScoreStreams(
                new TopologySettings(PARAMETERS, GRACE, generation, PARTITIONS),
                configs.forGeneration(generation),
                new MicrometerWindowMetrics(registry, generation, System::currentTimeMillis),
                StreamTimeObserver.NONE,
                ScorePublication.silent(),
                registry);
        streams.start();
        return streams;
    }

    @Override
    public void close() {
        producer.close();
        broker.destroy();
    }
}
