package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The service against a real (in-JVM KRaft) broker: exactly-once Streams, heartbeats closing windows
 * without further traffic, results readable with read_committed. The commit interval is longer than
 * the test: closing a window must commit its results by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = "ratings.streams.commit-interval=PT5M")
class ScoreStreamsIT extends StreamsOnEmbeddedKafka {

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
        assertThat(post11.window().end()).isEqualTo(windowEnd(now));
        assertThat(post11.counts().ratingsInWindow()).isEqualTo(3);
        assertThat(post11.counts().ratingCount()).isEqualTo(2);
        assertThat(post11.counts().rawAverage()).isEqualTo((4 + 3) / 2.0);
        // A first window starts from the prior mean m; three events are far below the burst floor, so w = 1.
        double target = (4 + 3) / 2.0;
        assertThat(post11.state().target()).isEqualTo(target);
        assertThat(post11.state().score())
                .isCloseTo(target + (2.5 - target) * 0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(post11.generation()).isEqualTo(1);
        assertAlgorithm(post11);
        assertThat(heartbeatsOnRatings()).as("heartbeats closed the windows").isPositive();
    }

    /** decay-v1: no pools; the subclass runs the same under decay-v2. */
    void assertAlgorithm(WindowResult result) {
        assertThat(result.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V1);
        assertThat(result.pools()).isNull();
    }

    private long windowEnd(long timestamp) {
        long size = WINDOW.toMillis();
        return Math.floorDiv(timestamp, size) * size + size;
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

    private KafkaConsumer<String, WindowResult> resultsConsumer() {
        return new KafkaConsumer<>(
                consumerConfig("results-check"), new StringDeserializer(), JsonSerde.of(WindowResult.class));
    }
}
