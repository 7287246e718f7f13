package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenAssertions;
import dev.ratings.stream.golden.GoldenCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * decay-v2's repartitioned topology on a real broker: three partitions, two instances sharing the
 * tasks, exactly-once. Ratings of many posts by raters who rate across them are spread over the
 * partitions, read at whatever pace each task goes and exchanged through both repartition topics;
 * the results are still the independent model's, as the test driver's (one partition) are.
 */
@EmbeddedKafka(
        partitions = 3,
        topics = {Topics.RATINGS, Topics.POST_RATING_WINDOWS, Topics.POST_SCORES, "ratings.DLT"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class TrustTopologyIT {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    @TempDir
    Path stateDir;

    @Test
    void twoInstancesOnThreePartitionsReproduceTheIndependentModel(EmbeddedKafkaBroker broker) {
        GoldenCase golden = GoldenCase.loadV2("many-posts");
        TopologySettings settings = new TopologySettings(golden.parameters(), GRACE, 1, 3);
        List<KafkaStreams> instances = new ArrayList<>();
        try {
            for (int instance = 0; instance < 2; instance++) {
                KafkaStreams streams = new KafkaStreams(
                        RatingsTopology.build(
                                settings, WindowMetrics.NONE, StreamTimeObserver.NONE, ScorePublication.publishing()),
                        config(broker, instance));
                streams.start();
                instances.add(streams);
            }
            produce(broker, golden);

            List<WindowResult> results = readResults(broker, golden.expected().size());

            GoldenAssertions.assertMatches(
                    golden, results.stream().map(GoldenCase::numbers).toList());
            assertThat(results).extracting(WindowResult::generation).containsOnly(1L);
        } finally {
            instances.forEach(streams -> streams.close(Duration.ofSeconds(30)));
        }
    }

    /** The case's ratings keyed by post, as the ingest API sends them, then a heartbeat on every partition. */
    private static void produce(EmbeddedKafkaBroker broker, GoldenCase golden) {
        long end = golden.events().get(golden.events().size() - 1).ts()
                + 2 * golden.parameters().windowSizeMs()
                + GRACE.toMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (GoldenCase.Event event : golden.events()) {
                RatingEvent rating =
                        new RatingEvent(UUID.randomUUID(), event.postId(), event.userId(), event.rating(), event.ts());
                producer.send(new ProducerRecord<>(
                        Topics.RATINGS,
                        null,
                        event.ts(),
                        Long.toString(event.postId()),
                        EVENTS.serialize(null, rating)));
            }
            for (int partition = 0; partition < 3; partition++) {
                ProducerRecord<String, byte[]> heartbeat =
                        new ProducerRecord<>(Topics.RATINGS, partition, end, null, new byte[0]);
                Heartbeat.mark(heartbeat.headers());
                producer.send(heartbeat);
            }
        }
    }

    private static List<WindowResult> readResults(EmbeddedKafkaBroker broker, int expected) {
        List<WindowResult> results = new ArrayList<>();
        try (KafkaConsumer<String, WindowResult> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG, "trust-results",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                JsonSerde.of(WindowResult.class))) {
            consumer.subscribe(List.of(Topics.POST_RATING_WINDOWS));
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> results.add(record.value()));
                return results.size() >= expected;
            });
        }
        return results;
    }

    private Properties config(EmbeddedKafkaBroker broker, int instance) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "trust-it");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.resolve("instance-" + instance).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return config;
    }
}
