package dev.ratings.ingest.it;

import static org.awaitility.Awaitility.await;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on {@code ratings}, read from the beginning of every partition. */
final class RatingsTopic implements AutoCloseable {

    private final KafkaConsumer<String, RatingEvent> consumer;
    private final List<ConsumerRecord<String, RatingEvent>> seen = new CopyOnWriteArrayList<>();

    RatingsTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                JsonSerde.of(RatingEvent.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATINGS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until the rating with this id is on the topic and returns its record. */
    ConsumerRecord<String, RatingEvent> awaitRating(String ratingId) {
        UUID id = UUID.fromString(ratingId);
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> poll().stream()
                                .filter(record -> record.value().ratingId().equals(id))
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    /** The records seen so far whose key is this post. */
    List<ConsumerRecord<String, RatingEvent>> forPost(long postId) {
        return poll().stream()
                .filter(record -> record.key().equals(Long.toString(postId)))
                .toList();
    }

    /**
     * Every record on the topic up to the end offsets of its partitions as of now: after this,
     * nothing that was on the topic before the call can be missing.
     */
    List<ConsumerRecord<String, RatingEvent>> readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return List.copyOf(seen);
    }

    private List<ConsumerRecord<String, RatingEvent>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
