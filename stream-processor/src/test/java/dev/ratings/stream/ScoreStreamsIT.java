package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against a real (in-JVM KRaft) broker: exactly-once Streams, heartbeats closing windows
 * without further traffic, results readable with read_committed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedKafka(
        partitions = 2,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class ScoreStreamsIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    @TempDir
    static Path stateDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("ratings.window.size", WINDOW::toString);
        registry.add("ratings.window.grace", GRACE::toString);
        registry.add("ratings.heartbeat.interval", () -> "PT0.2S");
        registry.add("ratings.kafka.partitions", () -> 2);
        registry.add("ratings.streams.state-dir", stateDir::toString);
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void windowsCloseWithoutFurtherRatingsAndCarryTheFormulasValues() {
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, 11, "alice", 5, now);
            send(producer, 11, "bob", 3, now);
            send(producer, 11, "alice", 4, now); // re-rating: replaces 5
            send(producer, 12, "carol", 1, now);
        }

        List<WindowResult> results = new ArrayList<>();
        try (KafkaConsumer<String, WindowResult> consumer = resultsConsumer()) {
            consumer.subscribe(List.of(Topics.POST_RATING_WINDOWS));
            long deadline = windowEnd(now) + GRACE.toMillis() + 15_000;
            await().atMost(Duration.ofMillis(deadline - System.currentTimeMillis()))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(record -> results.add(record.value()));
                        return results.size() >= 2;
                    });
        }

        assertThat(results).extracting(WindowResult::postId).containsExactlyInAnyOrder(11L, 12L);
        WindowResult post11 =
                results.stream().filter(r -> r.postId() == 11).findFirst().orElseThrow();
        assertThat(post11.windowEnd()).isEqualTo(windowEnd(now));
        assertThat(post11.ratingsInWindow()).isEqualTo(3);
        assertThat(post11.ratingCount()).isEqualTo(2);
        assertThat(post11.rawAverage()).isEqualTo((4 + 3) / 2.0);
        // A first window starts from the prior mean m; three events are far below the burst floor, so w = 1.
        double target = (4 + 3) / 2.0;
        assertThat(post11.target()).isEqualTo(target);
        assertThat(post11.score()).isCloseTo(target + (2.5 - target) * 0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(post11.generation()).isEqualTo(1);
        assertThat(heartbeatsOnRatings()).as("heartbeats closed the windows").isPositive();
    }

    private long windowEnd(long timestamp) {
        long size = WINDOW.toMillis();
        return Math.floorDiv(timestamp, size) * size + size;
    }

    private void send(KafkaProducer<String, byte[]> producer, long postId, String user, int rating, long timestamp) {
        RatingEvent event = new RatingEvent(UUID.randomUUID(), postId, user, rating, timestamp);
        producer.send(new ProducerRecord<>(
                Topics.RATINGS, null, timestamp, Long.toString(postId), EVENTS.serialize(null, event)));
    }

    private long heartbeatsOnRatings() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig("heartbeat-check"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RATINGS));
            long count = 0;
            for (int i = 0; i < 10; i++) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (Heartbeat.isHeartbeat(record.headers())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private KafkaConsumer<String, WindowResult> resultsConsumer() {
        return new KafkaConsumer<>(
                consumerConfig("results-check"), new StringDeserializer(), JsonSerde.of(WindowResult.class));
    }

    private Map<String, Object> consumerConfig(String group) {
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
