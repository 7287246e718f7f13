package dev.ratings.stream;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service (its {@code @SpringBootTest} is the subclass's) against an in-JVM KRaft broker that
 * has transactions, with windows short enough for a test and heartbeats that close them; ratings
 * produced as the ingest API does and consumers that read only committed results.
 */
// closed after each class: a cached context would keep its Kafka Streams apps and heartbeats
// running, in a state directory JUnit has deleted, for the rest of the run
@DirtiesContext
@EmbeddedKafka(
        partitions = 2,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
abstract class StreamsOnEmbeddedKafka {

    static final Duration WINDOW = Duration.ofSeconds(2);
    static final Duration GRACE = Duration.ofMillis(500);
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    @TempDir
    static Path stateDir;

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void streamSettings(DynamicPropertyRegistry registry) {
        registry.add("ratings.window.size", WINDOW::toString);
        registry.add("ratings.window.grace", GRACE::toString);
        registry.add("ratings.heartbeat.interval", () -> "PT0.2S");
        registry.add("ratings.kafka.partitions", () -> 2);
        registry.add("ratings.streams.state-dir", stateDir::toString);
        TestTokens.addSecretProperty(registry::add);
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A rating keyed by its post with its time as the record's timestamp, as the ingest API sends it. */
    static void send(KafkaProducer<String, byte[]> producer, long postId, String user, int rating, long timestamp) {
        RatingEvent event = new RatingEvent(UUID.randomUUID(), postId, user, rating, timestamp);
        producer.send(new ProducerRecord<>(
                Topics.RATINGS, null, timestamp, Long.toString(postId), EVENTS.serialize(null, event)));
    }

    Map<String, Object> consumerConfig(String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }
}
